import { WarningFilled } from '@ant-design/icons';
import type { ChildFactField, RecordVisitInput } from '@contract/visits/visits.js';
import { riskGrades } from '@contract/registry/vocabulary.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { discard, factsResolved, type QueuedVisit } from './outbox';

type Facts = NonNullable<QueuedVisit['factsChanged']>['current'];
type Choice = 'mine' | 'file';

/** What of the visit each fact bears on, the visit's value, and the file's value put into the visit's terms. */
const visitSide: Record<
  ChildFactField,
  {
    read: (input: RecordVisitInput) => string | null;
    take: (input: RecordVisitInput, facts: Facts) => RecordVisitInput;
  }
> = {
  school: { read: (i) => i.schooling ?? null, take: (i, f) => ({ ...i, schooling: schoolingOf(f) }) },
  grade: { read: (i) => i.schooling ?? null, take: (i, f) => ({ ...i, schooling: schoolingOf(f) }) },
  guardians: {
    read: (i) => i.findings.guardianship ?? null,
    take: (i, f) => ({ ...i, findings: { ...i.findings, guardianship: f.guardians } }),
  },
  carer: {
    read: (i) => i.findings.living ?? null,
    take: (i, f) => ({ ...i, findings: { ...i.findings, living: f.carer } }),
  },
  riskGrade: {
    read: (i) => i.riskGrade ?? null,
    take: (i, f) => ({ ...i, riskGrade: riskGrades.find((g) => g === f.riskGrade) ?? null }),
  },
};
const schoolingOf = (f: Facts) => [f.school, f.grade].filter(Boolean).join(' ') || null;

/**
 * A visit from the phone refused because the child's file changed meanwhile: each changed fact as the
 * phone saw it and as the file says now; per fact the director keeps their visit's value or takes the
 * file's, then it is sent again (never last-write-wins), or they discard their visit.
 */
export function FactsConflictCard({ item }: { item: QueuedVisit }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Partial<Record<ChildFactField, Choice>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = item.factsChanged;
  if (!changed) return null;
  const shown = (field: ChildFactField, value: string | null) => {
    const grade = field === 'riskGrade' ? riskGrades.find((g) => g === value) : undefined;
    return grade ? t(`registry.risk.${grade}`) : value || '—';
  };
  const fileValue = (field: ChildFactField) =>
    field === 'school' || field === 'grade' ? schoolingOf(changed.current) : changed.current[field];
  const allChosen = changed.fields.every((f) => choice[f.field]);

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
  const send = () => {
    const input = changed.fields.reduce(
      (acc, f) => (choice[f.field] === 'file' ? visitSide[f.field].take(acc, changed.current) : acc),
      item.input,
    );
    return factsResolved(item, input);
  };

  return (
    <li className="haven-visit-card haven-visit-conflict">
      <div className="haven-visit-card-main">
        <strong className="haven-visit-name">
          <WarningFilled aria-hidden /> {t('grassroots.offline.factsTitle', { name: item.childName })}
        </strong>
        <span>{t('grassroots.offline.factsText')}</span>
        {error && <Alert type="error" showIcon message={error} role="alert" />}
        <ul className="haven-facts-list">
          {changed.fields.map((f) => {
            const label = t(`grassroots.offline.facts.${f.field}`);
            return (
              <li key={f.field}>
                <strong>{label}</strong>
                <span className="haven-secondary">
                  {t('grassroots.offline.factsSeen', {
                    seen: shown(f.field, f.seen),
                    current: shown(f.field, f.current),
                  })}
                </span>
                <Radio.Group
                  aria-label={label}
                  value={choice[f.field]}
                  onChange={(e) => setChoice({ ...choice, [f.field]: e.target.value as Choice })}
                >
                  <Space direction="vertical">
                    <Radio value="mine">
                      {t('grassroots.offline.factsMine', {
                        value: shown(f.field, visitSide[f.field].read(item.input)),
                      })}
                    </Radio>
                    <Radio value="file">
                      {t('grassroots.offline.factsFile', { value: shown(f.field, fileValue(f.field)) })}
                    </Radio>
                  </Space>
                </Radio.Group>
              </li>
            );
          })}
        </ul>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="primary" size="large" block loading={busy} disabled={!allChosen} onClick={() => act(send)}>
            {t('grassroots.offline.factsSend')}
          </Button>
          <Button size="large" block danger disabled={busy} onClick={() => act(() => discard(item))}>
            {t('grassroots.offline.discard')}
          </Button>
        </Space>
      </div>
    </li>
  );
}
