import type { RiskGrade } from '@contract/registry/vocabulary.js';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { riskTagColours } from './riskColours';

/** The four-colour risk grade, in words (never colour alone). */
export function RiskTag({ grade }: { grade: RiskGrade }) {
  const { t } = useTranslation();
  return <Tag color={riskTagColours[grade]}>{t(`assessments.colour.${grade}`)}</Tag>;
}
