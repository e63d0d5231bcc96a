import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../../app/api/describeApiError';
import { showFieldProblems } from '../../../app/forms/serverErrors';
import { StandaloneFrame } from '../../../app/layout/StandaloneFrame';
import { DangerField } from '../forms/DangerField';
import { SituationChecks } from '../forms/SituationChecks';
import { submitPublicReport, type SubmittedReport } from '../reportsApi';
import { PublicFollowUp } from './PublicFollowUp';
import { PublicPlacePicker } from './PublicPlacePicker';
import '../../cases/cases.css';
import { useContractFailure } from '../../../app/api/useContractFailure';

// Shown only after sending: on a slow line the form should not wait for the receipt's code.
const ReportResult = lazy(() => import('../forms/ReportResult').then((module) => ({ default: module.ReportResult })));

interface PublicValues {
  immediateDanger?: boolean;
  situations?: number[];
  description?: string;
  divisionCode?: string;
  address?: string;
  childDescription?: string;
  anonymous?: boolean;
  name?: string;
  phone?: string;
}

const fields = ['immediateDanger', 'situations', 'description', 'divisionCode', 'address', 'childDescription'];

/**
 * 公众举报: anyone, without an account, anonymous if they wish. Nothing about the child is shown
 * back; a reference number and a code let the reporter follow the report up.
 */
// Underlined and 44 px wide: inside a sentence a link must not be told apart by colour alone
// (WCAG 1.4.1), and a thumb must hit it.
const emergencyCallStyle = {
  textDecoration: 'underline',
  display: 'inline-block',
  minWidth: 44,
  textAlign: 'center',
} as const;
// Trans puts the number itself (<tel>110</tel> in the strings) inside the link: a phone dials it in one tap.
// biome-ignore lint/a11y/useAnchorContent: the content comes from the translation
const emergencyCall = <a href="tel:110" style={emergencyCallStyle} />;

export default function PublicReportPage() {
  const { t } = useTranslation();
  const contractFailure = useContractFailure();
  const [form] = Form.useForm<PublicValues>();
  const anonymous = Form.useWatch('anonymous', form) !== false;
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<SubmittedReport | null>(null);

  async function save(values: PublicValues) {
    setSaving(true);
    setFailure(null);
    try {
      setResult(
        await submitPublicReport(
          {
            immediateDanger: values.immediateDanger === true,
            situations: values.situations ?? [],
            description: values.description?.trim() || undefined,
            divisionCode: values.divisionCode,
            address: values.address?.trim() || undefined,
            childDescription: values.childDescription?.trim() || undefined,
            reporter: anonymous
              ? { anonymous: true }
              : {
                  anonymous: false,
                  name: values.name?.trim() || undefined,
                  callbackPhone: values.phone?.trim() || undefined,
                },
          },
          idempotencyKey,
        ),
      );
    } catch (error) {
      if (contractFailure(error)) return;
      const placed = showFieldProblems(form, error, fields);
      setFailure(describeApiError(error, t) + (placed ? ` ${t('reports.form.seeFields')}` : ''));
    } finally {
      setSaving(false);
    }
  }

  return (
    <StandaloneFrame>
      <div className="haven-public-page">
        <h1 className="haven-page-title">{t('reports.public.title')}</h1>
        <Alert
          type="warning"
          showIcon
          message={<Trans i18nKey="reports.public.emergency" components={{ tel: emergencyCall }} />}
          className="haven-form-alert"
        />
        <p>{t('reports.public.intro')}</p>
        {result ? (
          <Suspense fallback={<p role="status">{t('reports.public.sending')}</p>}>
            <ReportResult
              report={result}
              showRecipients={false}
              onAnother={() => {
                form.resetFields();
                setResult(null);
                setIdempotencyKey(crypto.randomUUID());
              }}
            />
          </Suspense>
        ) : (
          <Form<PublicValues>
            form={form}
            name="publicReport"
            layout="vertical"
            className="haven-form-sections"
            initialValues={{ anonymous: true, situations: [] }}
            onFinish={(values) => void save(values)}
            scrollToFirstError={{ focus: true, block: 'center' }}
          >
            <DangerField />
            <fieldset>
              <legend>{t('reports.section.what')}</legend>
              <Form.Item
                name="situations"
                label={t('reports.field.situations')}
                rules={[{ required: true, type: 'array', min: 1, message: t('reports.field.situationsRequired') }]}
              >
                <SituationChecks />
              </Form.Item>
              <Form.Item
                name="description"
                label={t('reports.field.description')}
                rules={[{ required: true, whitespace: true, message: t('reports.public.descriptionRequired') }]}
              >
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} showCount />
              </Form.Item>
              <Form.Item
                name="childDescription"
                label={t('reports.public.childDescription')}
                extra={t('reports.public.childDescriptionHelp')}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
              </Form.Item>
            </fieldset>
            <fieldset>
              <legend>{t('reports.section.where')}</legend>
              <Form.Item
                name="divisionCode"
                label={t('reports.public.place')}
                rules={[{ required: true, message: t('reports.public.placeRequired') }]}
                extra={t('reports.public.placeHelp')}
              >
                <PublicPlacePicker />
              </Form.Item>
              <Form.Item name="address" label={t('reports.field.address')}>
                <Input maxLength={300} autoComplete="off" />
              </Form.Item>
            </fieldset>
            <fieldset>
              <legend>{t('reports.section.you')}</legend>
              <Form.Item name="anonymous" valuePropName="checked" extra={t('reports.public.anonymousHelp')}>
                <Checkbox>{t('reports.public.anonymous')}</Checkbox>
              </Form.Item>
              {!anonymous && (
                <>
                  <Form.Item name="name" label={t('reports.public.name')}>
                    <Input maxLength={100} autoComplete="name" />
                  </Form.Item>
                  <Form.Item
                    name="phone"
                    label={t('reports.public.phone')}
                    rules={[{ pattern: /^[0-9+\-\s()]{3,30}$/, message: t('reports.field.callbackRequired') }]}
                  >
                    <Input maxLength={30} inputMode="tel" autoComplete="tel" />
                  </Form.Item>
                </>
              )}
            </fieldset>
            {failure && <Alert type="error" showIcon message={failure} className="haven-form-alert" />}
            <div className="haven-form-footer">
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                icon={<SendOutlined aria-hidden />}
                loading={saving}
              >
                {t('reports.form.submit')}
              </Button>
            </div>
          </Form>
        )}
        <PublicFollowUp />
        <p>
          <Link to="/login">{t('reports.public.staffSignIn')}</Link>
        </p>
      </div>
    </StandaloneFrame>
  );
}
