import type { RollDryRun, RollMappingByHeader } from '@contract/department-rolls/rolls.js';
import { columnsOfKind, type RollColumn, type RollKind } from '@contract/department-rolls/vocabulary.js';
import { Alert, Button, Card, Descriptions, Form, List, Select, Space, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelColour, MatchTag } from './MatchTag';
import './rolls.css';

const identity: readonly RollColumn[] = ['idNumber', 'name', 'birthDate', 'division'];
const countKeys = ['certain', 'strong', 'weak', 'ambiguous', 'unmatched', 'invalid'] as const;
const countColour: Record<(typeof countKeys)[number], string> = {
  ...levelColour,
  unmatched: 'default',
  invalid: 'red',
};

interface Props {
  kind: RollKind;
  run: RollDryRun;
  mapping: RollMappingByHeader;
  onMapping(mapping: RollMappingByHeader): void;
  onRerun(): void;
  onErrors(): void;
  onImport(): void;
  busy: boolean;
}

/**
 * 试比对: the file's columns mapped to what Haven reads (recognised, remembered or chosen), how many
 * rows would be certain, strong, weak, ambiguous, unmatched or invalid, and the rows to look at —
 * before anything is stored.
 */
export function DryRun({ kind, run, mapping, onMapping, onRerun, onErrors, onImport, busy }: Props) {
  const { t } = useTranslation();
  const headers = [...new Set(run.headers.filter((header) => header.trim() !== ''))];
  const changed = JSON.stringify(mapping) !== JSON.stringify(run.mapping);
  return (
    <Card className="haven-form-card" title={t('rolls.dryRun.title')} data-testid="roll-dry-run">
      <Alert
        type="info"
        showIcon
        className="haven-form-alert"
        message={t(`rolls.dryRun.source.${run.mappingSource}`)}
      />
      <Form layout="vertical">
        <div className="haven-rolls-mapping">
          {[...identity, ...columnsOfKind[kind]].map((column) => (
            <Form.Item key={column} label={t(`rolls.columnName.${column}`)} className="haven-rolls-mapping-item">
              <Select
                allowClear
                aria-label={t(`rolls.columnName.${column}`)}
                placeholder={t('rolls.dryRun.notUsed')}
                value={mapping[column]}
                options={headers.map((header) => ({ value: header, label: header }))}
                onChange={(value?: string) => {
                  const next = { ...mapping };
                  if (value) next[column] = value;
                  else delete next[column];
                  onMapping(next);
                }}
              />
            </Form.Item>
          ))}
        </div>
      </Form>
      {run.missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="haven-form-alert"
          message={t('rolls.dryRun.missing', {
            columns: run.missing.map((column) => t(`rolls.columnName.${column}`)).join(t('rolls.listSeparator')),
          })}
        />
      )}
      <Space wrap size="large" className="haven-rolls-counts">
        <Statistic title={t('rolls.dryRun.rows')} value={run.counts.rows} />
        {countKeys.map((key) => (
          <Statistic
            key={key}
            title={<Tag color={countColour[key]}>{t(`rolls.dryRun.count.${key}`)}</Tag>}
            value={run.counts[key]}
          />
        ))}
      </Space>
      <div className="haven-rolls-actions">
        {changed && (
          <Button onClick={onRerun} loading={busy}>
            {t('rolls.dryRun.rerun')}
          </Button>
        )}
        <Button onClick={onErrors} disabled={run.counts.invalid + run.counts.unmatched === 0}>
          {t('rolls.errorSheet')}
        </Button>
        <Button type="primary" onClick={onImport} loading={busy} disabled={changed || run.missing.length > 0}>
          {t('rolls.dryRun.import', { count: run.counts.rows })}
        </Button>
      </div>
      {run.lines.length > 0 && (
        <List
          size="small"
          header={t('rolls.dryRun.toLook')}
          dataSource={run.lines}
          renderItem={(line) => (
            <List.Item>
              <Descriptions
                size="small"
                column={1}
                title={
                  <Space wrap>
                    {t('rolls.row', { row: line.row })}
                    {line.level ? (
                      <Tag color={levelColour[line.level]}>{t(`rolls.level.${line.level}`)}</Tag>
                    ) : (
                      <Tag color={line.outcome === 'invalid' ? 'red' : 'default'}>
                        {t(`rolls.outcome.${line.outcome}`)}
                      </Tag>
                    )}
                    <span>
                      {line.name ?? ''} {line.idNumber ?? ''}
                    </span>
                  </Space>
                }
              >
                {line.problems.map((problem) => (
                  <Descriptions.Item
                    key={`${problem.code}-${problem.column ?? ''}`}
                    label={problem.column ?? t('rolls.wholeRow')}
                  >
                    {problem.message}
                  </Descriptions.Item>
                ))}
                {line.candidates.map((candidate) => (
                  <Descriptions.Item key={candidate.havenCode} label={`${candidate.name} ${candidate.havenCode}`}>
                    <MatchTag match={candidate.match} />
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
