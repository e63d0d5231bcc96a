/**
 * Deterministic values for one set of factories: the n-th call gives the same value in every run,
 * so a failure reproduces with the same names, numbers and dates.
 */
export class Sequence {
  private next = 0;

  /** 1, 2, 3… */
  take(): number {
    this.next += 1;
    return this.next;
  }
}

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const givenFirst = ['子', '梓', '雨', '浩', '思', '一', '欣', '俊', '明', '嘉', '诗', '宇', '晨', '佳', '文', '若'];
const givenSecond = ['涵', '轩', '琪', '然', '豪', '诺', '怡', '杰', '辰', '悦', '彤', '航', '萱', '博', '瑶', '睿'];

/**
 * A plausible child's name, different for each n (up to 4,096) and unlike its neighbours, so the
 * registry's likely-duplicate check does not fire between factory children.
 */
export function childName(n: number): string {
  const surname = surnames[n % surnames.length]!;
  const first = givenFirst[Math.floor(n / surnames.length) % givenFirst.length]!;
  const second = givenSecond[(n * 7 + Math.floor(n / 256)) % givenSecond.length]!;
  return `${surname}${first}${second}`;
}

/** A birth date between 2011 and 2019 (a minor until at least 2029), different for neighbouring n. */
export function birthDate(n: number): string {
  const year = 2011 + (n % 9);
  const month = 1 + ((n * 5) % 12);
  const day = 1 + ((n * 11) % 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
