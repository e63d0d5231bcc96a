import type { PlaceInput } from '../../contract/placements/actions.js';

/** A placement body as a station's intake form sends it. */
export function intoInstitution(
  kind: 'rescue_station' | 'protection_centre' | 'welfare_home',
  organisationId: string,
  extra: Partial<PlaceInput> = {},
): PlaceInput {
  return {
    kind,
    organisationId,
    legalBasis: kind === 'welfare_home' ? 'long_term_state_guardianship' : 'emergency',
    guardian: { type: kind === 'welfare_home' ? 'state_long_term' : 'state_temporary' },
    reason: '民警在火车站发现，身份不明，无人照料',
    handover: {
      from: '沙市区公安分局 赵国栋',
      to: '救助站值班员 李红',
      belongings: ['书包一个', '旧手机一部'],
      documents: ['police_record'],
    },
    ...extra,
  };
}

export function home(extra: Partial<PlaceInput> = {}): PlaceInput {
  return {
    kind: 'home',
    carer: { name: '王建国', relationship: '父亲' },
    legalBasis: 'voluntary',
    guardian: { type: 'parents', name: '王建国' },
    reason: '寻亲成功，返家评估通过',
    handover: { from: '荆州市儿童福利院 张敏', to: '父亲 王建国', belongings: ['衣物'], documents: ['medical_record'] },
    ...extra,
  };
}
