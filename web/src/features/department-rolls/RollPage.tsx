import type { RowOutcome } from '@contract/department-rolls/vocabulary.js';
import { Alert, Button, Descriptions, List, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { levelColour, MatchTag } from './MatchTag';
import { downloadErrorSheet, useRoll } from './rollsApi';

const outcomeColour: Record<RowOutcome, string> = { matched: 'success', unmatched: 'default', invalid: 'red' };

/** One roll: what was recognised, and every row — matched (with the children I may see), unmatched, with problems. */
export default function RollPage() {
  const { t, i18n } = useTranslation();
  const notice = useNotice();
  const { rollId = '' } = useParams();
  const roll = useRoll(rollId);
  const [filter, setFilter] = useState<'all' | 'toConfirm' | RowOutcome>('all');
  if (roll.isPending) return <Spin />;
  if (roll.isError) return <Alert type="error" showIcon message={describeApiError(roll.error, t)} />;
  const view = roll.data;
  const lines = view.lines.filter(
    (line) =>
      filter === 'all' ||
      line.outcome === filter ||
      (filter === 'toConfirm' &&
        (line.level === 'weak' || line.level === 'ambiguous') &&
        line.children.some((child) => child.status === 'proposed')),
  );
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('rolls.department')}>{t(`rolls.departments.${view.department}`)}</Descriptions.Item>
        <Descriptions.Item label={t('rolls.kind')}>{t(`rolls.kinds.${view.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('rolls.asOf')}>{view.asOf}</Descriptions.Item>
        <Descriptions.Item label={t('rolls.file')}>{view.fileName}</Descriptions.Item>
        <Descriptions.Item label={t('rolls.columns')}>{Object.values(view.columns).join('、')}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph className="haven-rolls-counts">
        {t('rolls.counts', view)} ·{' '}
        {t('rolls.by', { who: view.uploadedBy, at: new Date(view.uploadedAt).toLocaleString(i18n.language) })}
      </Typography.Paragraph>
      <Space wrap className="haven-form-alert">
        {(['certain', 'strong', 'weak', 'ambiguous'] as const).map((level) => (
          <Tag key={level} color={levelColour[level]}>
            {t(`rolls.level.${level}`)} {view.levels[level] ?? 0}
          </Tag>
        ))}
        <Button
          size="small"
          disabled={view.invalid + view.unmatched === 0}
          onClick={() =>
            downloadErrorSheet({ rollId: view.id }).catch((error: unknown) => notice.error(describeApiError(error, t)))
          }
        >
          {t('rolls.errorSheet')}
        </Button>
      </Space>
      <Segmented
        block
        value={filter}
        onChange={(value) => setFilter(value as typeof filter)}
        options={(['all', 'toConfirm', 'matched', 'unmatched', 'invalid'] as const).map((value) => ({
          value,
          label: t(`rolls.filter.${value}`),
        }))}
      />
      <List
        dataSource={lines}
        renderItem={(line) => (
          <List.Item>
            <List.Item.Meta
              title={
                <>
                  {t('rolls.row', { row: line.row })}{' '}
                  {line.level ? (
                    <Tag color={levelColour[line.level]}>{t(`rolls.level.${line.level}`)}</Tag>
                  ) : (
                    <Tag color={outcomeColour[line.outcome]}>{t(`rolls.outcome.${line.outcome}`)}</Tag>
                  )}
                  {line.name ?? ''} {line.idNumber ?? ''}
                </>
              }
              description={
                <>
                  {line.problems.map((problem) => (
                    <div key={`${problem.code}-${problem.column ?? ''}`}>
                      {problem.column ? `[${problem.column}] ` : ''}
                      {problem.message}
                    </div>
                  ))}
                  {line.children.map((child) => (
                    <div key={child.proposalId} className="haven-rolls-candidate">
                      <Link to={`/registry/${child.id}?tab=identity`}>
                        {child.name} {child.havenCode} — {t('rolls.openChild')}
                      </Link>{' '}
                      <Tag>{t(`rolls.proposals.status.${child.status}`)}</Tag>
                      <MatchTag match={child.match} />
                    </div>
                  ))}
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
