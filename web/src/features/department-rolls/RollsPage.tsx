import {
  type Department,
  departments,
  kindsOfDepartment,
  type RollKind,
} from '@contract/department-rolls/vocabulary.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, List, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { rollsKey, uploadRoll, useRolls } from './rollsApi';

interface Values {
  department: Department;
  kind: RollKind;
  asOf: Dayjs;
}

/** 部门名单比对: upload a department's roll, then open it to see every row and the proposals it made. */
export default function RollsPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const department = Form.useWatch('department', form);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rolls = useRolls();
  const client = useQueryClient();
  const navigate = useNavigate();

  const submit = async (values: Values) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const roll = await uploadRoll(
        {
          department: values.department,
          kind: values.kind,
          asOf: values.asOf.format('YYYY-MM-DD'),
          fileName: file.name,
        },
        file,
      );
      await client.invalidateQueries({ queryKey: rollsKey });
      navigate(`/department-rolls/${roll.id}`);
    } catch (caught) {
      setError(describeApiError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('rolls.intro')}</Typography.Paragraph>
      <Card className="haven-form-card">
        <Form form={form} layout="vertical" onFinish={submit} requiredMark>
          <Form.Item
            name="department"
            label={t('rolls.department')}
            rules={[{ required: true, message: t('rolls.required') }]}
          >
            <Select
              options={departments.map((value) => ({ value, label: t(`rolls.departments.${value}`) }))}
              onChange={() => form.setFieldValue('kind', undefined)}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('rolls.kind')} rules={[{ required: true, message: t('rolls.required') }]}>
            <Select
              disabled={!department}
              options={(department ? kindsOfDepartment[department] : []).map((value) => ({
                value,
                label: t(`rolls.kinds.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="asOf" label={t('rolls.asOf')} rules={[{ required: true, message: t('rolls.required') }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Form.Item label={t('rolls.file')} required>
            <input
              type="file"
              aria-label={t('rolls.chooseFile')}
              accept=".xlsx,.csv"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </Form.Item>
          {error && <Alert type="error" showIcon className="haven-form-alert" message={error} />}
          <Button type="primary" htmlType="submit" loading={busy} disabled={!file} block>
            {t('rolls.upload')}
          </Button>
        </Form>
      </Card>
      <Typography.Title level={5}>{t('rolls.recent')}</Typography.Title>
      <List
        loading={rolls.isPending}
        locale={{ emptyText: t('rolls.none') }}
        dataSource={rolls.data ?? []}
        renderItem={(roll) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Link to={`/department-rolls/${roll.id}`}>
                  {t(`rolls.departments.${roll.department}`)} · {t(`rolls.kinds.${roll.kind}`)} · {roll.asOf}
                </Link>
              }
              description={
                <>
                  <div>{roll.fileName}</div>
                  <div>{t('rolls.counts', roll)}</div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
