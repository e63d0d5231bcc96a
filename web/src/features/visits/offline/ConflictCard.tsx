import { WarningFilled } from '@ant-design/icons';
import { correctVisitSchema, type VisitView, visitViewSchema } from '@contract/visits/visits.js';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Radio, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestParsed } from '../../../app/api/client';
import { describeApiError } from '../../../app/api/describeApiError';
import { discard, keepBoth, mergedInto, type QueuedVisit } from './outbox';

type Finding = 'living' | 'family' | 'guardianship' | 'stateOfMind' | 'guardianView';
type Plain =
  | 'respondentName'
  | 'respondentRelation'
  | 'lastParentContactOn'
  | 'schooling'
  | 'suggestions'
  | 'riskGrade'
  | 'keyAttention';
type Field = Plain | `findings.${Finding}`;
const labelKey = (f: Field) => f.replace('findings.', '') as Plain | Finding;
const fields: Field[] = [
  'respondentName',
  'respondentRelation',
  'lastParentContactOn',
  'schooling',
  'findings.living',
  'findings.family',
  'findings.guardianship',
  'findings.stateOfMind',
  'findings.guardianView',
  'suggestions',
  'riskGrade',
  'keyAttention',
];

type Values = Record<string, unknown>;
const fieldValue = (source: Values, field: Field): unknown =>
  field.startsWith('findings.')
    ? (((source.findings ?? {}) as Values)[field.slice(9)] ?? null)
    : (source[field] ?? (field === 'keyAttention' ? false : null));

/**
 * A visit from the phone that met one someone else recorded meanwhile: both versions side by side,
 * field by field; the director keeps both, merges the fields chosen into the other visit, or discards theirs.
 */
export function ConflictCard({ item }: { item: QueuedVisit }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const theirs = useQuery({
    queryKey: ['visits', 'one', item.conflict?.visitId],
    queryFn: ({ signal }) => requestParsed(visitViewSchema, `/api/visits/${item.conflict?.visitId}`, { signal }),
    enabled: Boolean(item.conflict),
  });
  const shown = (value: unknown) => {
    if (value === null || value === '') return '—';
    if (typeof value === 'boolean') return t(value ? 'grassroots.offline.yes' : 'grassroots.offline.no');
    return String(value);
  };
  const differing = theirs.data
    ? fields.filter(
        (f) => shown(fieldValue(item.input as Values, f)) !== shown(fieldValue(theirs.data as VisitView as Values, f)),
      )
    : [];

  const act = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
      await queryClient.invalidateQueries({ queryKey: ['visits'] });
    } catch (caught) {
      setError(describeApiError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  const merge = async (other: VisitView) => {
    const patch: Values = { version: other.version };
    const findings: Values = { ...other.findings };
    for (const f of differing) {
      if ((choice[f] ?? 'theirs') !== 'mine') continue;
      const mine = fieldValue(item.input as Values, f);
      if (f.startsWith('findings.')) findings[f.slice(9)] = mine;
      else patch[f] = mine;
    }
    if (differing.some((f) => f.startsWith('findings.') && choice[f] === 'mine')) patch.findings = findings;
    await requestParsed(visitViewSchema, `/api/visits/${other.id}`, {
      method: 'PATCH',
      body: correctVisitSchema.parse(patch),
    });
    await mergedInto(item, other.id);
  };

  return (
    <li className="haven-visit-card haven-visit-conflict">
      <div className="haven-visit-card-main">
        <strong className="haven-visit-name">
          <WarningFilled aria-hidden /> {t('grassroots.offline.conflictTitle', { name: item.childName })}
        </strong>
        <span>
          {t('grassroots.offline.conflictText', {
            visitor: item.conflict?.visitorName,
            on: item.conflict?.visitedOn,
          })}
        </span>
        {error && <Alert type="error" showIcon message={error} role="alert" />}
        {theirs.isPending && <Spin />}
        {theirs.isError && <Alert type="error" showIcon message={describeApiError(theirs.error, t)} />}
        {theirs.data && (
          <>
            {differing.length === 0 ? (
              <p>{t('grassroots.offline.same')}</p>
            ) : (
              <table className="haven-conflict-table">
                <caption>{t('grassroots.offline.compare')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('grassroots.offline.field')}</th>
                    <th scope="col">{t('grassroots.offline.mine')}</th>
                    <th scope="col">{t('grassroots.offline.theirs', { visitor: theirs.data.visitorName })}</th>
                  </tr>
                </thead>
                <tbody>
                  {differing.map((f) => {
                    const label = t(`grassroots.offline.fields.${labelKey(f)}`);
                    return (
                      <tr key={f}>
                        <th scope="row">{label}</th>
                        <td colSpan={2}>
                          <Radio.Group
                            aria-label={label}
                            value={choice[f] ?? 'theirs'}
                            onChange={(e) => setChoice({ ...choice, [f]: e.target.value })}
                          >
                            <Space direction="vertical">
                              <Radio value="mine">
                                {t('grassroots.offline.mineValue', {
                                  value: shown(fieldValue(item.input as Values, f)),
                                })}
                              </Radio>
                              <Radio value="theirs">
                                {t('grassroots.offline.theirsValue', {
                                  value: shown(fieldValue(theirs.data as VisitView as Values, f)),
                                })}
                              </Radio>
                            </Space>
                          </Radio.Group>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            <Space direction="vertical" style={{ width: '100%' }}>
              <Button type="primary" size="large" block loading={busy} onClick={() => act(() => merge(theirs.data))}>
                {t('grassroots.offline.merge')}
              </Button>
              <Button size="large" block disabled={busy} onClick={() => act(() => keepBoth(item))}>
                {t('grassroots.offline.keepBoth')}
              </Button>
              <Button size="large" block danger disabled={busy} onClick={() => act(() => discard(item))}>
                {t('grassroots.offline.discard')}
              </Button>
            </Space>
          </>
        )}
      </div>
    </li>
  );
}
