import { type AppraisalIndicators, appraisalRatings, staffRecordKinds } from '@contract/grassroots/training.js';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Skeleton,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { useNotice } from '../../app/notice/useNotice';
import { recordAppraisal, recordStaffRecord, useAppraisal, useStaffRecords } from './rosterApi';

const shown: Exclude<keyof AppraisalIndicators, 'year'>[] = [
  'visitsOnTime',
  'visitsLate',
  'visitsOverdue',
  'visitsOnTimeRate',
  'visitsRecorded',
  'reportsAcknowledgedInTime',
  'reportsAcknowledgedLate',
  'reportsInTimeRate',
  'childrenAssigned',
  'childrenWithoutVisit',
  'ledgerComplete',
  'ledgerCompleteRate',
  'trainingHours',
  'subsidies',
  'incentives',
  'accountability',
];
const asText = (key: keyof AppraisalIndicators, value: number | null | undefined) =>
  value === null || value === undefined
    ? '—'
    : key.endsWith('Rate')
      ? `${Math.round(value * 1000) / 10}%`
      : String(value);

function Records({ staffId }: { staffId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const records = useStaffRecords(staffId);
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: {
    kind: (typeof staffRecordKinds)[number];
    decidedOn: Dayjs;
    amount?: number;
    reason: string;
  }) => {
    setError(null);
    try {
      await recordStaffRecord(staffId, {
        kind: values.kind,
        decidedOn: values.decidedOn.format('YYYY-MM-DD'),
        amount: values.amount ?? null,
        reason: values.reason,
      });
      await queryClient.invalidateQueries({ queryKey: ['roster'] });
    } catch (caught) {
      setError(describeApiError(caught, t));
    }
  };
  return (
    <Card size="small" title={t('grassroots.training.records')}>
      <List
        loading={records.isPending}
        dataSource={records.data?.items ?? []}
        renderItem={(r) => (
          <List.Item>
            {r.decidedOn} <Tag>{t(`grassroots.appraisal.recordKind.${r.kind}`)}</Tag> {r.reason}
            {r.amount !== null && ` · ¥${r.amount}`}
          </List.Item>
        )}
      />
      {can('roster.manage') && (
        <Form layout="vertical" onFinish={submit} initialValues={{ kind: 'subsidy', decidedOn: dayjs() }}>
          {error && <Alert type="error" showIcon message={error} />}
          <Form.Item name="kind" label={t('grassroots.appraisal.addRecord')}>
            <Select
              options={staffRecordKinds.map((k) => ({ value: k, label: t(`grassroots.appraisal.recordKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="decidedOn" label={t('grassroots.appraisal.decidedOn')} rules={[{ required: true }]}>
            <DatePicker inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="amount" label={t('grassroots.appraisal.amount')}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('grassroots.appraisal.reason')} rules={[{ required: true }]}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Button htmlType="submit" block>
            {t('grassroots.appraisal.addRecord')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** A director's or supervisor's yearly assessment: indicators computed from the work, the rating the officer records. */
export default function AppraisalPage() {
  const { t } = useTranslation();
  const notice = useNotice();
  const { staffId = '' } = useParams();
  const { can } = useAuth();
  const [year, setYear] = useState(dayjs().year());
  const appraisal = useAppraisal(staffId, year);
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: { rating: (typeof appraisalRatings)[number]; comment?: string }) => {
    setError(null);
    try {
      await recordAppraisal(staffId, {
        year,
        rating: values.rating,
        comment: values.comment || null,
        ...(appraisal.data?.recorded ? { version: appraisal.data.recorded.version } : {}),
      });
      notice.success(t('grassroots.appraisal.saved'));
      await queryClient.invalidateQueries({ queryKey: ['roster', 'appraisal'] });
    } catch (caught) {
      setError(describeApiError(caught, t));
    }
  };
  if (appraisal.isPending) return <Skeleton active />;
  if (appraisal.isError) return <Alert type="error" showIcon message={describeApiError(appraisal.error, t)} />;
  const view = appraisal.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 760 }}>
      <h2>
        {view.name} · {t(`grassroots.post.${view.post}`)}
      </h2>
      <Select
        aria-label={t('grassroots.appraisal.year')}
        value={year}
        onChange={setYear}
        options={[0, 1, 2].map((n) => ({ value: dayjs().year() - n, label: String(dayjs().year() - n) }))}
        style={{ maxWidth: 160 }}
      />
      <p>{t('grassroots.appraisal.computedNote')}</p>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
        {shown.map((key) => (
          <Descriptions.Item key={key} label={t(`grassroots.appraisal.indicator.${key}`)}>
            {asText(key, view.indicators[key] as number | null | undefined)}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <p>
        {t('grassroots.appraisal.suggested')}: <Tag>{t(`grassroots.appraisal.rating.${view.suggestedRating}`)}</Tag>
        {view.recorded && (
          <>
            {t('grassroots.appraisal.recorded')}:{' '}
            <Tag color="blue">{t(`grassroots.appraisal.rating.${view.recorded.rating}`)}</Tag>
          </>
        )}
      </p>
      {can('roster.manage') && (
        <Form
          layout="vertical"
          onFinish={submit}
          key={`${year}-${view.recorded?.version ?? 0}`}
          initialValues={{ rating: view.recorded?.rating ?? view.suggestedRating, comment: view.recorded?.comment }}
        >
          {error && <Alert type="error" showIcon message={error} role="alert" />}
          <Form.Item name="rating" label={t('grassroots.appraisal.record')}>
            <Select
              options={appraisalRatings.map((r) => ({ value: r, label: t(`grassroots.appraisal.rating.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="comment" label={t('grassroots.appraisal.comment')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block>
            {t('grassroots.appraisal.record')}
          </Button>
        </Form>
      )}
      <Records staffId={staffId} />
    </div>
  );
}
