import type { HouseholdView } from '@contract/households/households.js';
import { visitKinds } from '@contract/visits/visits.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Form, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { DayField, todayValue } from '../../app/forms/DayField';
import { useNotice } from '../../app/notice/useNotice';
import { recordHouseholdVisit } from './householdsApi';

interface FormValues {
  visitedOn: string;
  kind: (typeof visitKinds)[number];
  respondentName?: string;
  respondentRelation?: string;
  family?: string;
  guardianship?: string;
  suggestions?: string;
}

/**
 * One home visit of the household: the form once, a visit recorded on each child's file (each
 * child's own checks and clocks on the server). Sent with one key per form, so a retry records once.
 */
export function HouseholdVisit({ household }: { household: HouseholdView }) {
  const { t } = useTranslation();
  const notice = useNotice();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useMemo(() => (open ? `household-visit-${crypto.randomUUID()}` : ''), [open]);
  const names = household.children.map((c) => c.name).join(t('cases.punct.listSeparator'));
  const submit = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const { visits } = await recordHouseholdVisit(
        household.id,
        {
          visitedOn: values.visitedOn,
          kind: values.kind,
          respondentName: values.respondentName || null,
          respondentRelation: values.respondentRelation || null,
          keyAttention: false,
          findings: { family: values.family || null, guardianship: values.guardianship || null },
          suggestions: values.suggestions || null,
        },
        key,
      );
      notice.success(t('households.visit.saved', { count: visits.length }));
      await queryClient.invalidateQueries({ queryKey: ['visits'] });
      await queryClient.invalidateQueries({ queryKey: ['my-work'] });
      setOpen(false);
    } catch (caught) {
      setError(describeApiError(caught, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('households.visit.add')}</Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('households.visit.title')}
        width="min(480px, 100vw)"
        destroyOnHidden
      >
        <Typography.Paragraph>{t('households.visit.covers', { names })}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} role="alert" />}
        <Form<FormValues>
          layout="vertical"
          onFinish={submit}
          initialValues={{ visitedOn: todayValue(), kind: 'routine' }}
        >
          <Form.Item name="visitedOn" label={t('grassroots.form.visitedOn')} rules={[{ required: true }]}>
            <DayField notAfterToday />
          </Form.Item>
          <Form.Item name="kind" label={t('grassroots.form.kind')}>
            <Select options={visitKinds.map((k) => ({ value: k, label: t(`grassroots.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="respondentName" label={t('grassroots.form.respondentName')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="respondentRelation" label={t('grassroots.form.respondentRelation')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="family" label={t('grassroots.form.findings.family')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="guardianship" label={t('grassroots.form.findings.guardianship')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="suggestions" label={t('grassroots.form.suggestions')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('households.visit.save')}
          </Button>
        </Form>
      </Drawer>
    </>
  );
}
