import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinute } from '../../cases/labels';
import { describeApiError } from '../../../app/api/describeApiError';
import { fetchPublicStatus } from '../reportsApi';
import { useContractFailure } from '../../../app/api/useContractFailure';

/** Follow a report up with its reference number and code: the stage only, never anything about the child. */
export function PublicFollowUp() {
  const { t } = useTranslation();
  const contractFailure = useContractFailure();
  const [status, setStatus] = useState<Awaited<ReturnType<typeof fetchPublicStatus>> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="haven-case-section" aria-labelledby="haven-follow-up">
      <h2 id="haven-follow-up">{t('reports.public.followUpTitle')}</h2>
      <Form<{ refNo: string; code: string }>
        layout="vertical"
        name="followUp"
        onFinish={async (values) => {
          setBusy(true);
          setFailure(null);
          try {
            setStatus(await fetchPublicStatus(values.refNo, values.code));
          } catch (error) {
            if (contractFailure(error)) return;
            setStatus(null);
            setFailure(describeApiError(error, t));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="refNo"
          label={t('reports.public.refNo')}
          rules={[{ required: true, whitespace: true, message: t('reports.public.refNoRequired') }]}
        >
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('reports.public.code')}
          rules={[{ required: true, whitespace: true, message: t('reports.public.codeRequired') }]}
        >
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('reports.public.check')}
        </Button>
      </Form>
      <div role="status">
        {status && (
          <Alert
            type="info"
            showIcon
            className="haven-form-alert"
            message={t(`reports.stage.${status.stage ?? 'received'}`)}
            description={t('reports.public.statusDetail', {
              refNo: status.refNo,
              at: formatMinute(status.receivedAt, t),
            })}
          />
        )}
      </div>
      {failure && <Alert type="error" showIcon className="haven-form-alert" message={failure} />}
    </section>
  );
}
