import type { Match } from '@contract/department-rolls/rolls.js';
import type { MatchLevel } from '@contract/department-rolls/vocabulary.js';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const levelColour: Record<MatchLevel, string> = {
  certain: 'success',
  strong: 'blue',
  weak: 'warning',
  ambiguous: 'error',
};

/** How sure a match is and why (同名、同出生日期、同村…), as the reviewer decides on it. */
export function MatchTag({ match }: { match: Match }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={levelColour[match.level]}>
        {t(`rolls.level.${match.level}`)} · {t('rolls.score', { score: match.score })}
      </Tag>
      <Typography.Text type="secondary">
        {match.reasons.map((reason) => t(`rolls.matchReason.${reason}`)).join(t('rolls.listSeparator'))}
      </Typography.Text>
    </Space>
  );
}
