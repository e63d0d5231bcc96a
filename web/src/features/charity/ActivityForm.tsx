import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useMe } from '../../app/auth/AuthProvider';
import { DayField } from '../../app/forms/DayField';
import { DivisionPicker } from '../divisions/DivisionPicker';
import { useProjects } from '../projects/projectsApi';
import { createActivity } from './charityApi';
import { today } from './today';

interface ActivityValues {
  title: string;
  heldOn: string;
  divisionCode: string;
  place?: string;
  skills?: string;
  places: number;
  ageFrom?: number | null;
  ageTo?: number | null;
  projectId?: string;
}

/** Plans a group event; a project my organisation provides may be named, so its hours count there. */
export function NewActivityForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const projects = useProjects();
  const [form] = Form.useForm<ActivityValues>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string>();
  const provided = (projects.data?.projects ?? []).filter((p) => p.provider.id === me.user.organisationId);
  const submit = async (values: ActivityValues) => {
    setError(undefined);
    try {
      await createActivity(
        {
          title: values.title,
          heldOn: values.heldOn,
          divisionCode: values.divisionCode,
          place: values.place || undefined,
          skills: (values.skills ?? '')
            .split(/[,，、]/)
            .map((s) => s.trim())
            .filter(Boolean),
          places: values.places,
          ageFrom: values.ageFrom ?? undefined,
          ageTo: values.ageTo ?? undefined,
          projectId: values.projectId || undefined,
        },
        key,
      );
      setKey(crypto.randomUUID());
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['volunteer-activities'] });
      onDone();
    } catch (e) {
      setError(describeApiError(e, t));
    }
  };
  return (
    <Card size="small" title={t('charity.activities.new')}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ heldOn: today(), places: 5 }}>
        <Form.Item name="title" label={t('charity.activities.title')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('charity.activities.heldOn')} rules={[{ required: true }]}>
          <DayField />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('charity.activities.division')} rules={[{ required: true }]}>
          <DivisionPicker />
        </Form.Item>
        <Form.Item name="place" label={t('charity.activities.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="skills" label={t('charity.activities.skills')} extra={t('charity.activities.skillsHelp')}>
          <Input />
        </Form.Item>
        <Form.Item name="places" label={t('charity.activities.places')} rules={[{ required: true }]}>
          <InputNumber min={1} max={500} precision={0} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('charity.activities.ageRange')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="ageFrom" noStyle>
              <InputNumber
                min={0}
                max={18}
                precision={0}
                inputMode="numeric"
                aria-label={t('charity.activities.ageFrom')}
                placeholder={t('charity.activities.ageFrom')}
                style={{ width: '50%' }}
              />
            </Form.Item>
            <Form.Item name="ageTo" noStyle>
              <InputNumber
                min={0}
                max={18}
                precision={0}
                inputMode="numeric"
                aria-label={t('charity.activities.ageTo')}
                placeholder={t('charity.activities.ageTo')}
                style={{ width: '50%' }}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="projectId" label={t('charity.activities.project')} extra={t('charity.activities.projectHelp')}>
          <Select
            allowClear
            loading={projects.isPending}
            options={provided.map((p) => ({ value: p.id, label: p.title }))}
          />
        </Form.Item>
        {error && <Alert type="error" role="alert" showIcon message={error} />}
        <Button type="primary" htmlType="submit">
          {t('charity.activities.create')}
        </Button>
      </Form>
    </Card>
  );
}
