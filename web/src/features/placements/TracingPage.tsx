import type { TracingView } from '@contract/placements/tracing.js';
import { leadSources } from '@contract/placements/tracing.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, List, Modal, Select, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDate, formatDateTime } from '../../app/format';
import { addLead, confirmIdentity, decideLead, useTracing } from './tracingApi';
import { TracingPhotos } from './TracingPhotos';
import './placements.css';

type Step =
  | { kind: 'lead' }
  | { kind: 'decide'; leadId: string; decision: 'ruled_out' | 'matched' }
  | { kind: 'identity' };

interface StepValues {
  source?: (typeof leadSources)[number];
  summary?: string;
  familyName?: string;
  relationship?: string;
  phone?: string;
  address?: string;
  note?: string;
  idNumber?: string;
  name?: string;
  evidence?: string;
}

function StepModal({ step, view, onClose }: { step: Step; view: TracingView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StepValues>();
  const queryClient = useQueryClient();
  const [key] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const required = [{ required: true, message: t('placements.form.required') }];

  async function submit(v: StepValues) {
    setBusy(true);
    setProblem(undefined);
    try {
      const expectedVersion = view.version;
      if (step.kind === 'lead')
        await addLead(
          view.id,
          {
            expectedVersion,
            source: v.source ?? 'other',
            summary: v.summary ?? '',
            family: v.familyName
              ? {
                  name: v.familyName,
                  relationship: v.relationship ?? '',
                  phone: v.phone || null,
                  address: v.address || null,
                }
              : null,
          },
          key,
        );
      else if (step.kind === 'decide')
        await decideLead(view.id, step.leadId, { expectedVersion, decision: step.decision, note: v.note ?? '' });
      else
        await confirmIdentity(view.id, {
          expectedVersion,
          idNumber: v.idNumber ?? '',
          name: v.name || null,
          evidence: v.evidence ?? '',
        });
      await queryClient.invalidateQueries({ queryKey: ['placements'] });
      onClose();
    } catch (error) {
      setProblem(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  const title =
    step.kind === 'decide'
      ? t(`placements.tracing.decide.${step.decision}`)
      : t(`placements.tracing.${step.kind}Title`);
  return (
    <Modal
      open
      title={title}
      okText={t('placements.form.submit')}
      cancelText={t('placements.form.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {problem && <Alert type="error" showIcon role="alert" className="haven-form-alert" message={problem} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {step.kind === 'lead' && (
          <>
            <Form.Item name="source" label={t('placements.tracing.source')} rules={required}>
              <Select options={leadSources.map((s) => ({ value: s, label: t(`placements.tracing.sources.${s}`) }))} />
            </Form.Item>
            <Form.Item name="summary" label={t('placements.tracing.summary')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="familyName" label={t('placements.tracing.familyName')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="relationship" label={t('placements.tracing.relationship')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="phone" label={t('placements.tracing.phone')}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
            <Form.Item name="address" label={t('placements.tracing.address')}>
              <Input maxLength={300} />
            </Form.Item>
          </>
        )}
        {step.kind === 'decide' && (
          <Form.Item name="note" label={t('placements.tracing.decisionNote')} rules={required}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {step.kind === 'identity' && (
          <>
            <Alert
              type="info"
              showIcon
              message={t('placements.tracing.identityHint', { code: view.provisionalCode })}
            />
            <Form.Item name="idNumber" label={t('placements.tracing.idNumber')} rules={required}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
            <Form.Item name="name" label={t('placements.tracing.realName')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="evidence" label={t('placements.tracing.evidence')} rules={required}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/**
 * One tracing request: what is known, the leads (rule out, match to a family), confirming the
 * identity, the photos (documents of the file owned by the request), and the way to the child's
 * placement where the escort home is recorded.
 */
export default function TracingPage() {
  const { t } = useTranslation();
  const { tracingId = '' } = useParams();
  const navigate = useNavigate();
  const query = useTracing(tracingId);
  const [step, setStep] = useState<Step>();
  if (query.isPending) return <Spin />;
  if (query.isError) return <Alert type="error" showIcon message={describeApiError(query.error, t)} />;
  const view = query.data;
  const open = view.canAct;
  return (
    <Space direction="vertical" size="middle" className="haven-tracing">
      <Card
        title={
          <>
            {view.childName} <Tag>{t(`placements.tracing.status.${view.status}`)}</Tag>
            {view.overdue && <Tag color="red">{t('placements.tracing.overdue')}</Tag>}
          </>
        }
      >
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('placements.tracing.provisionalCode')}>{view.provisionalCode}</Descriptions.Item>
          <Descriptions.Item label={t('placements.tracing.foundPlace')}>{view.foundPlace}</Descriptions.Item>
          <Descriptions.Item label={t('placements.tracing.foundAt')}>
            {formatDateTime(view.foundAt, t)}
          </Descriptions.Item>
          <Descriptions.Item label={t('placements.tracing.statedName')}>
            {view.known.statedName ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('placements.tracing.statedAge')}>{view.known.statedAge ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('placements.tracing.dialect')}>{view.known.dialect ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('placements.tracing.statements')}>
            {view.known.statements ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('placements.tracing.description')}>{view.description}</Descriptions.Item>
          {view.outcome && (
            <Descriptions.Item label={t('placements.tracing.outcomeLabel')}>
              {t(`placements.tracing.outcome.${view.outcome}`)} {formatDate(view.closedAt, t)}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap>
          <Button onClick={() => void navigate(`/registry/${view.childId}`)}>{t('placements.tracing.toFile')}</Button>
          {open && view.status !== 'identified' && (
            <Button onClick={() => setStep({ kind: 'lead' })}>{t('placements.tracing.leadTitle')}</Button>
          )}
          {open && !view.identified && (
            <Button type="primary" onClick={() => setStep({ kind: 'identity' })}>
              {t('placements.tracing.identityTitle')}
            </Button>
          )}
        </Space>
        {open && view.identified && view.placementId && (
          <Alert type="success" showIcon message={t('placements.tracing.escortHint')} />
        )}
      </Card>
      <Card title={t('placements.tracing.leads')}>
        <List
          dataSource={view.leadList}
          locale={{ emptyText: t('placements.tracing.noLeads') }}
          renderItem={(lead) => (
            <List.Item
              actions={
                open && lead.status === 'open'
                  ? [
                      <Button
                        key="out"
                        size="small"
                        onClick={() => setStep({ kind: 'decide', leadId: lead.id, decision: 'ruled_out' })}
                      >
                        {t('placements.tracing.decide.ruled_out')}
                      </Button>,
                      ...(lead.family && view.status === 'open'
                        ? [
                            <Button
                              key="match"
                              size="small"
                              type="primary"
                              onClick={() => setStep({ kind: 'decide', leadId: lead.id, decision: 'matched' })}
                            >
                              {t('placements.tracing.decide.matched')}
                            </Button>,
                          ]
                        : []),
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <>
                    {t(`placements.tracing.sources.${lead.source}`)}{' '}
                    <Tag color={lead.status === 'matched' ? 'blue' : undefined}>
                      {t(`placements.tracing.leadStatus.${lead.status}`)}
                    </Tag>
                  </>
                }
                description={
                  <>
                    <div>{lead.summary}</div>
                    {lead.family && (
                      <div>
                        {lead.family.name}（{lead.family.relationship}）{lead.family.phone ?? ''}{' '}
                        {lead.family.address ?? ''}
                      </div>
                    )}
                    <div>
                      {lead.recordedBy} · {formatDateTime(lead.recordedAt, t)}
                      {lead.decisionNote ? ` · ${lead.decisionNote}` : ''}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <TracingPhotos childId={view.childId} tracingId={view.id} canAdd={open} />
      {step && <StepModal step={step} view={view} onClose={() => setStep(undefined)} />}
    </Space>
  );
}
