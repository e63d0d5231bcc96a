import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CategoryCode, ChildStatus, RiskGrade } from '@contract/registry/vocabulary.js';
type Obj = Record<string, unknown>;

/** A translation for a code the server sends (a reason, a relation): ours when we have one, else the server's words, else the code. */
export function codeText(t: TFunction, key: string, params: Obj = {}, fallback?: string | null): string {
  if (i18next.exists(key)) return (t as unknown as (k: string, o: Obj) => string)(key, params);
  return fallback ?? key.split('.').pop() ?? key;
}

const riskSymbols: Record<RiskGrade, string> = { low: '●', medium_low: '▲', medium_high: '◆', high: '■' };

/** Risk grade in its colour, with a shape and the words: never colour alone. */
export function RiskTag({ grade }: { grade: RiskGrade | null }) {
  const { t } = useTranslation();
  if (!grade) return <span className="haven-secondary">{t('registry.risk.none')}</span>;
  return (
    <span className={`haven-risk haven-risk-${grade}`}>
      <span aria-hidden>{riskSymbols[grade]}</span> {t(`registry.risk.${grade}`)}
    </span>
  );
}

export function CategoryTags({ codes }: { codes: CategoryCode[] }) {
  const { t } = useTranslation();
  if (codes.length === 0) return <span className="haven-secondary">—</span>;
  return (
    <span className="haven-tags">
      {codes.map((code) => (
        <Tag key={code}>{t(`registry.category.${code}`)}</Tag>
      ))}
    </span>
  );
}

export function StatusTag({ status }: { status: ChildStatus | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  return <Tag color={status === 'active' ? 'success' : 'default'}>{t(`registry.status.${status}`)}</Tag>;
}

export function sexText(t: TFunction, sex: 'male' | 'female' | null): string {
  return sex ? t(`registry.sex.${sex}`) : t('registry.sex.unknown');
}

export function relationText(t: TFunction, relation: string): string {
  return codeText(t, `registry.relation.${relation}`, {}, relation);
}
