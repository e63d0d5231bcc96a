import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useMe } from '../../app/auth/AuthProvider';
import { serviceCodes } from '@contract/service-matrix/vocabulary.js';
import { serviceLabel } from '../referrals/referralsApi';
import { createProject, fenOf, indicatorKindCodes, indicatorLabel, useSocialOrganisations } from './projectsApi';

interface Values {
  title: string;
  provider: string;
  period: [Dayjs, Dayjs];
  budget: string;
  services: (typeof serviceCodes)[number][];
  targets: Partial<Record<(typeof indicatorKindCodes)[number], number>>;
}

/** A new project over my area: the budget is paid in two equal instalments (start and end), targets per indicator. */
export function NewProjectModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organisations = useSocialOrganisations();
  const [form] = Form.useForm<Values>();
  const [key] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (values: Values) => {
    const budgetFen = fenOf(values.budget) ?? 0;
    const startsOn = values.period[0].format('YYYY-MM-DD');
    const endsOn = values.period[1].format('YYYY-MM-DD');
    const first = Math.ceil(budgetFen / 2);
    setSaving(true);
    try {
      const project = await createProject(
        {
          title: values.title,
          providerOrganisationId: values.provider,
          startsOn,
          endsOn,
          areaCodes: [me.user.jurisdictionCode],
          services: values.services ?? [],
          budgetFen,
          paymentSchedule: [
            { dueOn: startsOn, plannedFen: first },
            { dueOn: endsOn, plannedFen: budgetFen - first },
          ],
          indicators: indicatorKindCodes.flatMap((kind) => {
            const target = values.targets?.[kind];
            return typeof target === 'number' ? [{ kind, target }] : [];
          }),
        },
        key,
      );
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      navigate(`/projects/${project.id}`);
    } catch (failed) {
      setError(failed);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('projects.new')}
      okText={t('projects.create')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {error !== null && <Alert type="error" showIcon message={describeApiError(error, t)} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('projects.fields.title')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="provider" label={t('projects.fields.provider')} rules={[{ required: true }]}>
          <Select
            loading={organisations.isPending}
            options={(organisations.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="period" label={t('projects.fields.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="budget"
          label={t('projects.fields.budgetYuan')}
          rules={[{ required: true, pattern: /^\d{1,11}(\.\d{1,2})?$/, message: t('projects.budgetFormat') }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="services" label={t('projects.fields.services')}>
          <Select
            mode="multiple"
            options={serviceCodes.map((code) => ({ value: code, label: serviceLabel(code, i18n.language) }))}
          />
        </Form.Item>
        {indicatorKindCodes.map((kind) => (
          <Form.Item key={kind} name={['targets', kind]} label={indicatorLabel(kind, i18n.language)}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
