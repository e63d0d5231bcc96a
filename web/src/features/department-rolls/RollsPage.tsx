import {
  type Department,
  departments,
  kindsOfDepartment,
  type RollKind,
} from '@contract/department-rolls/vocabulary.js';
import { useQueryClient } from '@tanstack/react-query';
import type { RollDryRun, RollMappingByHeader, RollUploadQuery } from '@contract/department-rolls/rolls.js';
import { Alert, Button, Card, DatePicker, Form, List, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { DryRun } from './DryRun';
import { levelColour } from './MatchTag';
import { downloadErrorSheet, dryRunRoll, rollsKey, uploadRoll, useRolls } from './rollsApi';

interface Values {
  department: Department;
  kind: RollKind;
  asOf: Dayjs;
}

/**
 * 部门名单比对: choose a department's roll, see the dry run (mapping, counts per level, rows to look
 * at, the error sheet), then import it and open it to see every row and the proposals it made.
 */
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

  const [run, setRun] = useState<{ query: RollUploadQuery; result: RollDryRun } | null>(null);
  const [mapping, setMapping] = useState<RollMappingByHeader>({});

  const queryOf = (values: Values, chosen?: RollMappingByHeader): RollUploadQuery => ({
    department: values.department,
    kind: values.kind,
    asOf: values.asOf.format('YYYY-MM-DD'),
    fileName: file?.name ?? '',
    ...(chosen ? { mapping: JSON.stringify(chosen) } : {}),
  });

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(describeApiError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  const dryRun = (values: Values, chosen?: RollMappingByHeader) =>
    attempt(async () => {
      if (!file) return;
      const query = queryOf(values, chosen);
      const result = await dryRunRoll(query, file);
      setRun({ query, result });
      setMapping(result.mapping);
    });

  const importRoll = () =>
    attempt(async () => {
      if (!file || !run) return;
      const roll = await uploadRoll({ ...run.query, mapping: JSON.stringify(run.result.mapping) }, file);
      await client.invalidateQueries({ queryKey: rollsKey });
      navigate(`/department-rolls/${roll.id}`);
    });

  return (
    <>
      <Typography.Paragraph type="secondary">{t('rolls.intro')}</Typography.Paragraph>
      <Card className="haven-form-card">
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => dryRun(values)}
          onValuesChange={() => setRun(null)}
          requiredMark
        >
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
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('rolls.file')} required>
            <input
              type="file"
              aria-label={t('rolls.chooseFile')}
              accept=".xlsx,.csv"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setRun(null);
              }}
            />
          </Form.Item>
          {error && <Alert type="error" showIcon className="haven-form-alert" message={error} />}
          <Button type={run ? 'default' : 'primary'} htmlType="submit" loading={busy} disabled={!file} block>
            {t('rolls.dryRun.start')}
          </Button>
        </Form>
      </Card>
      {run && file && (
        <DryRun
          kind={run.query.kind}
          run={run.result}
          mapping={mapping}
          busy={busy}
          onMapping={setMapping}
          onRerun={() => dryRun(form.getFieldsValue(), mapping)}
          onErrors={() =>
            attempt(() => downloadErrorSheet({ query: { ...run.query, mapping: JSON.stringify(mapping) }, file }))
          }
          onImport={importRoll}
        />
      )}
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
                  <Space size={4} wrap>
                    {(['certain', 'strong', 'weak', 'ambiguous'] as const)
                      .filter((level) => (roll.levels[level] ?? 0) > 0)
                      .map((level) => (
                        <Tag key={level} color={levelColour[level]}>
                          {t(`rolls.level.${level}`)} {roll.levels[level]}
                        </Tag>
                      ))}
                  </Space>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
