import type { RiskGrade } from '@contract/registry/vocabulary.js';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colours: Record<RiskGrade, string> = { high: 'red', medium_high: 'gold', medium_low: 'blue', low: 'green' };

/** The four-colour risk grade, in words (never colour alone). */
export function RiskTag({ grade }: { grade: RiskGrade }) {
  const { t } = useTranslation();
  return <Tag color={colours[grade]}>{t(`assessments.colour.${grade}`)}</Tag>;
}
