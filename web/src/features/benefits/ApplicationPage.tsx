import type { ApplicationActionInput } from '@contract/benefits/applications.js';
import type { ApplicationAction } from '@contract/benefits/vocabulary.js';
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag, Timeline } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDateTime } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import { useAct, useApplication, yuan } from './benefitsApi';
import { Reviews } from './Reviews';
import { Suspensions } from './Suspensions';
import { TypeName } from './TypeName';

type Offered = Exclude<ApplicationAction, 'receive' | 'end'>;
interface Values {
  occurredOn?: Dayjs;
  note?: string;
  findings?: string;
  recommendation?: 'approve' | 'refuse';
  reasons?: string;
  reason?: string;
}

/** One application: what was received, the clocks, the data matching, the log, and my next actions. */
export default function ApplicationPage() {
  const { t } = useTranslation();
  const notice = useNotice();
  const { applicationId = '' } = useParams();
  const query = useApplication(applicationId);
  const act = useAct(applicationId);
  const [action, setAction] = useState<Offered | null>(null);
  const [form] = Form.useForm<Values>();
  const view = query.data;
  if (query.error) return <Alert type="error" message={describeApiError(query.error, t)} />;
  if (!view) return null;
  const submit = async (values: Values) => {
    if (!action) return;
    const base = { expectedSeq: view.seq, occurredOn: values.occurredOn?.format('YYYY-MM-DD') };
    const bodies: Record<Offered, ApplicationActionInput> = {
      accept: { type: 'accept', ...base, note: values.note },
      verify: {
        type: 'verify',
        ...base,
        findings: values.findings ?? '',
        recommendation: values.recommendation ?? 'approve',
      },
      approve: { type: 'approve', ...base, note: values.note },
      refuse: { type: 'refuse', ...base, reasons: values.reasons ?? '' },
      withdraw: { type: 'withdraw', ...base, reason: values.reason ?? '' },
    };
    try {
      await act.mutateAsync(bodies[action]);
      setAction(null);
      form.resetFields();
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  const offered = view.allowedActions.filter((a): a is Offered => a !== 'receive' && a !== 'end');
  return (
    <div className="haven-stack">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={view.applicationNo}>
        <Descriptions.Item label={t('benefits.child')}>{view.childName}</Descriptions.Item>
        <Descriptions.Item label={t('benefits.benefitType')}>
          <TypeName code={view.benefitType} />
        </Descriptions.Item>
        <Descriptions.Item label={t('benefits.statusLabel')}>
          <Tag>{t(`benefits.status.${view.status}`)}</Tag> {view.late && <Tag color="red">{t('benefits.late')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('benefits.receivedOn')}>{view.receivedOn}</Descriptions.Item>
        <Descriptions.Item label={t('benefits.applicantName')}>
          {view.applicantName} · {t(`benefits.applicant.${view.applicantKind}`)}
          {view.applicantRelation ? ` · ${view.applicantRelation}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('benefits.documents')}>
          {view.documents.map((d) => t(`benefits.document.${d as 'other'}`)).join('、') || '—'}
        </Descriptions.Item>
        {view.payFrom && (
          <Descriptions.Item label={t('benefits.payment')}>
            {t('benefits.payFrom', { date: view.payFrom, amount: yuan(view.monthlyFen) })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <section aria-label={t('benefits.deadlines')}>
        <h2>{t('benefits.deadlines')}</h2>
        {view.clocks.map((clock) => (
          <p key={`${clock.rule}-${clock.startedAt}`}>
            {t(
              clock.rule === 'benefit.verification'
                ? 'benefits.clock.verification'
                : clock.rule === 'benefit.review'
                  ? 'benefits.clock.review'
                  : 'benefits.clock.decision',
            )}
            : <strong>{clock.dueOn}</strong> <Tag>{t(`benefits.clockState.${clock.state}`)}</Tag>
            {clock.provisional && <Tag color="gold">{t('benefits.provisional')}</Tag>}
          </p>
        ))}
      </section>
      {(view.flags.length > 0 || view.facts.length > 0) && (
        <section aria-label={t('benefits.matching')}>
          <h2>{t('benefits.matching')}</h2>
          {view.flags.map((flag) => (
            <Alert key={flag} type="warning" showIcon message={t(`benefits.flag.${flag}`)} />
          ))}
          <ul>
            {view.facts.map((fact) => (
              <li key={`${fact.relation}-${fact.kind}-${fact.since}`}>
                {fact.relation} · {fact.kind} · {fact.since ?? '?'} – {fact.until ?? ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Space wrap>
        {offered.map((a) => (
          <Button
            key={a}
            type={a === 'approve' ? 'primary' : 'default'}
            danger={a === 'refuse'}
            onClick={() => setAction(a)}
          >
            {t(`benefits.action.${a}`)}
          </Button>
        ))}
      </Space>
      <Reviews applicationId={view.id} />
      <Suspensions view={view} />
      <section aria-label={t('benefits.history')}>
        <h2>{t('benefits.history')}</h2>
        <Timeline
          items={view.log.map((entry) => ({
            key: entry.seq,
            children: (
              <span>
                {t(`benefits.action.${entry.type}`)} · {formatDateTime(entry.occurredAt, t)} · {entry.actor}
                {typeof entry.payload.reasons === 'string' && <div>{entry.payload.reasons}</div>}
                {typeof entry.payload.findings === 'string' && <div>{entry.payload.findings}</div>}
              </span>
            ),
          }))}
        />
      </section>
      <Modal
        open={action !== null}
        title={action ? t(`benefits.action.${action}`) : ''}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        okText={t('benefits.save')}
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="occurredOn" label={t('benefits.occurredOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          {action === 'verify' && (
            <>
              <Form.Item name="findings" label={t('benefits.findings')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="recommendation" label={t('benefits.recommendation')} rules={[{ required: true }]}>
                <Select
                  options={[
                    { value: 'approve', label: t('benefits.action.approve') },
                    { value: 'refuse', label: t('benefits.action.refuse') },
                  ]}
                />
              </Form.Item>
            </>
          )}
          {action === 'refuse' && (
            <Form.Item name="reasons" label={t('benefits.reasons')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {action === 'withdraw' && (
            <Form.Item name="reason" label={t('benefits.reason')} rules={[{ required: true }]}>
              <Input maxLength={500} />
            </Form.Item>
          )}
          {(action === 'accept' || action === 'approve') && (
            <Form.Item name="note" label={t('benefits.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
