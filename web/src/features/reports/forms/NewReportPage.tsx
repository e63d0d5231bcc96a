import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../../app/api/describeApiError';
import { useMe } from '../../../app/auth/AuthProvider';
import { showFieldProblems } from '../../../app/forms/serverErrors';
import { DateTimeField } from '../../../app/forms/DateTimeField';
import { ReportResult } from './ReportResult';
import {
  ChildFields,
  DangerField,
  reportBody,
  reportFieldNames,
  WhatHappenedFields,
  WhereFields,
  type ReportFieldValues,
} from './ReportFields';
import { submitReport, type SubmittedReport } from '../reportsApi';
import { useContractFailure } from '../../../app/api/useContractFailure';

interface MandatedValues extends ReportFieldValues {
  knewAt?: Dayjs;
}

/**
 * 强制报告 by a mandated reporter (school, hospital, village committee …) or by staff: who
 * reports and for which organisation come from the session; when they knew is the proof that the
 * duty to report at once was met.
 */
export default function NewReportPage() {
  const { t } = useTranslation();
  const contractFailure = useContractFailure();
  const me = useMe();
  const mandated = me.roles.includes('mandated_reporter');
  const [form] = Form.useForm<MandatedValues>();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<SubmittedReport | null>(null);

  async function save(values: MandatedValues) {
    setSaving(true);
    setFailure(null);
    try {
      const knewAt = values.knewAt?.format();
      const body = await reportBody(values);
      const sent = await submitReport(
        mandated && knewAt ? { ...body, channel: 'mandated', knewAt } : { ...body, channel: 'staff', knewAt },
        idempotencyKey,
      );
      setResult(sent);
    } catch (error) {
      if (contractFailure(error)) return;
      const placed = showFieldProblems(form, error, [...reportFieldNames, 'knewAt']);
      setFailure(describeApiError(error, t) + (placed ? ` ${t('reports.form.seeFields')}` : ''));
    } finally {
      setSaving(false);
    }
  }

  if (result)
    return (
      <ReportResult
        report={result}
        onAnother={() => {
          form.resetFields();
          setResult(null);
          setIdempotencyKey(crypto.randomUUID());
        }}
        extra={
          <Link key="mine" to="/reports">
            {t('reports.title')}
          </Link>
        }
      />
    );

  return (
    <Form<MandatedValues>
      form={form}
      name="mandatedReport"
      layout="vertical"
      className="haven-form-sections"
      initialValues={{ situations: [] }}
      onFinish={(values) => void save(values)}
      scrollToFirstError={{ focus: true, block: 'center' }}
    >
      <fieldset>
        <legend>{t('reports.section.reporter')}</legend>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: t('reports.field.reporterName'), children: me.user.displayName },
            { key: 'org', label: t('reports.field.reporterOrg'), children: me.user.organisationName },
          ]}
        />
        <p className="haven-secondary">{t('reports.form.identityConfidential')}</p>
        <Form.Item
          name="knewAt"
          label={t('reports.field.knewAt')}
          extra={t('reports.field.knewAtHelp')}
          rules={[
            { required: mandated, message: t('reports.field.knewAtRequired') },
            {
              validator: (_, value?: Dayjs) =>
                value?.isAfter(dayjs())
                  ? Promise.reject(new Error(t('reports.field.knewAtFuture')))
                  : Promise.resolve(),
            },
          ]}
        >
          <DateTimeField notAfterNow />
        </Form.Item>
      </fieldset>
      <DangerField />
      <WhatHappenedFields />
      <WhereFields />
      <ChildFields />
      {failure && <Alert type="error" showIcon message={failure} className="haven-form-alert" />}
      <div className="haven-form-footer">
        <Button type="primary" htmlType="submit" size="large" icon={<SendOutlined aria-hidden />} loading={saving}>
          {t('reports.form.submit')}
        </Button>
      </div>
    </Form>
  );
}
