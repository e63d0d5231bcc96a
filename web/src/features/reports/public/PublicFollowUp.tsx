import { Button } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { useContractFailure } from '../../../app/api/useContractFailure';
import { formatMinute } from '../../cases/labels';
import { fetchPublicStatus } from '../reportsApi';
import { Field, Notice } from './NativeFields';

/** Follow a report up with its reference number and code: the stage only, never anything about the child. */
export function PublicFollowUp() {
  const { t } = useTranslation();
  const contractFailure = useContractFailure();
  const [refNo, setRefNo] = useState('');
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<{ refNo?: string; code?: string }>({});
  const [status, setStatus] = useState<Awaited<ReturnType<typeof fetchPublicStatus>> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(event: FormEvent) {
    event.preventDefault();
    const found = {
      ...(refNo.trim() ? {} : { refNo: t('reports.public.refNoRequired') }),
      ...(code.trim() ? {} : { code: t('reports.public.codeRequired') }),
    };
    setProblems(found);
    if (found.refNo || found.code) {
      document.getElementById(found.refNo ? 'followUp_refNo' : 'followUp_code')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      setStatus(await fetchPublicStatus(refNo, code));
    } catch (error) {
      if (contractFailure(error)) return;
      setStatus(null);
      setFailure(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="haven-case-section" aria-labelledby="haven-follow-up">
      <h2 id="haven-follow-up">{t('reports.public.followUpTitle')}</h2>
      <form name="followUp" className="haven-native-form" noValidate onSubmit={(event) => void check(event)}>
        <Field id="followUp_refNo" required label={t('reports.public.refNo')} error={problems.refNo}>
          {(control) => (
            <input
              {...control}
              className="haven-input"
              autoComplete="off"
              spellCheck={false}
              value={refNo}
              onChange={(event) => setRefNo(event.target.value)}
            />
          )}
        </Field>
        <Field id="followUp_code" required label={t('reports.public.code')} error={problems.code}>
          {(control) => (
            <input
              {...control}
              className="haven-input"
              autoComplete="off"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
        </Field>
        <Button htmlType="submit" loading={busy}>
          {t('reports.public.check')}
        </Button>
      </form>
      <div role="status">
        {status && (
          <Notice
            type="info"
            message={t(`reports.stage.${status.stage ?? 'received'}`)}
            description={t('reports.public.statusDetail', {
              refNo: status.refNo,
              at: formatMinute(status.receivedAt, t),
            })}
          />
        )}
      </div>
      {failure && <Notice type="error" message={failure} />}
    </section>
  );
}
