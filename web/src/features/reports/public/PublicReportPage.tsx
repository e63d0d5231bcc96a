import { SendOutlined } from '@ant-design/icons';
import { situationNumbers } from '@contract/reports/vocabulary.js';
import { Button } from 'antd';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../../app/api/describeApiError';
import { useContractFailure } from '../../../app/api/useContractFailure';
import { StandaloneFrame } from '../../../app/layout/StandaloneFrame';
import { submitPublicReport, type SubmittedReport } from '../reportsApi';
import { CountedTextArea, Field, Notice } from './NativeFields';
import { PublicFollowUp } from './PublicFollowUp';
import { PublicPlacePicker } from './PublicPlacePicker';
import { emptyValues, fieldIds, focusFirst, type Problems, type PublicValues, serverProblems } from './publicForm';
import '../../cases/cases.css';

// Shown only after sending: on a slow line the form should not wait for the receipt's code.
const ReportResult = lazy(() => import('../forms/ReportResult').then((module) => ({ default: module.ReportResult })));

// Trans puts the number itself (<tel>110</tel> in the strings) inside the link: a phone dials it in
// one tap (public.css: underlined, a 44 px target).
// biome-ignore lint/a11y/useAnchorContent: the content comes from the translation
const emergencyCall = <a href="tel:110" className="haven-emergency-call" />;

/**
 * 公众举报: anyone, without an account, anonymous if they wish. Nothing about the child is shown
 * back; a reference number and a code let the reporter follow the report up. Drawn with native
 * inputs (NativeFields.tsx) so that it is usable within seconds on a slow line.
 */
export default function PublicReportPage() {
  const { t } = useTranslation();
  const contractFailure = useContractFailure();
  const [values, setValues] = useState<PublicValues>(emptyValues);
  const [problems, setProblems] = useState<Problems>({});
  const [checked, setChecked] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<SubmittedReport | null>(null);

  function validate(next: PublicValues): Problems {
    const found: Problems = {};
    if (next.immediateDanger === undefined) found.immediateDanger = t('reports.field.dangerRequired');
    if (next.situations.length === 0) found.situations = t('reports.field.situationsRequired');
    if (!next.description.trim()) found.description = t('reports.public.descriptionRequired');
    if (!next.divisionCode) found.divisionCode = t('reports.public.placeRequired');
    if (!next.anonymous && next.phone && !/^[0-9+\-\s()]{3,30}$/.test(next.phone))
      found.phone = t('reports.field.callbackRequired');
    return found;
  }

  // After the first attempt to send, each change is checked again at once (as antd's Form did).
  function change(patch: Partial<PublicValues>) {
    const next = { ...values, ...patch };
    setValues(next);
    if (checked) setProblems(validate(next));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    const found = validate(values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      setResult(
        await submitPublicReport(
          {
            immediateDanger: values.immediateDanger === true,
            situations: values.situations,
            description: values.description.trim() || undefined,
            divisionCode: values.divisionCode,
            address: values.address.trim() || undefined,
            childDescription: values.childDescription.trim() || undefined,
            reporter: values.anonymous
              ? { anonymous: true }
              : {
                  anonymous: false,
                  name: values.name.trim() || undefined,
                  callbackPhone: values.phone.trim() || undefined,
                },
          },
          idempotencyKey,
        ),
      );
    } catch (error) {
      if (contractFailure(error)) return;
      const placed = serverProblems(error);
      setProblems(placed);
      const anyPlaced = Object.keys(placed).length > 0;
      setFailure(describeApiError(error, t) + (anyPlaced ? ` ${t('reports.form.seeFields')}` : ''));
      if (anyPlaced) focusFirst(placed);
    } finally {
      setSaving(false);
    }
  }

  const toggleSituation = (n: number, on: boolean) =>
    change({
      situations: (on ? [...values.situations, n] : values.situations.filter((s) => s !== n)).sort((a, b) => a - b),
    });

  return (
    <StandaloneFrame>
      <div className="haven-public-page">
        <h1 className="haven-page-title">{t('reports.public.title')}</h1>
        <Notice
          type="warning"
          message={<Trans i18nKey="reports.public.emergency" components={{ tel: emergencyCall }} />}
        />
        <p>{t('reports.public.intro')}</p>
        {result ? (
          <Suspense fallback={<p role="status">{t('reports.public.sending')}</p>}>
            <ReportResult
              report={result}
              showRecipients={false}
              onAnother={() => {
                setValues(emptyValues);
                setProblems({});
                setChecked(false);
                setResult(null);
                setIdempotencyKey(crypto.randomUUID());
              }}
            />
          </Suspense>
        ) : (
          <form
            name="publicReport"
            className="haven-form-sections haven-native-form"
            noValidate
            onSubmit={(event) => void save(event)}
          >
            <div className="haven-danger-box">
              <Field
                id={fieldIds.immediateDanger}
                group
                required
                label={t('reports.field.danger')}
                help={t('reports.field.dangerHelp')}
                error={problems.immediateDanger}
              >
                {(control) => (
                  // A fieldset of native radios is the group (its legend names it); they are required.
                  <div className="haven-choice-buttons" {...control}>
                    {[true, false].map((danger) => (
                      <label key={String(danger)} className="haven-choice-button">
                        <input
                          type="radio"
                          name="immediateDanger"
                          required
                          checked={values.immediateDanger === danger}
                          onChange={() => change({ immediateDanger: danger })}
                        />
                        <span>{danger ? t('reports.field.dangerYes') : t('reports.field.dangerNo')}</span>
                      </label>
                    ))}
                  </div>
                )}
              </Field>
            </div>
            <fieldset>
              <legend>{t('reports.section.what')}</legend>
              <Field
                id={fieldIds.situations}
                group
                required
                label={t('reports.field.situations')}
                error={problems.situations}
              >
                {(control) => (
                  <div className="haven-situations haven-check-list" {...control}>
                    {situationNumbers.map((n) => (
                      <label key={n} className="haven-check" title={t(`reports.situationLong.s${n}`)}>
                        <input
                          type="checkbox"
                          checked={values.situations.includes(n)}
                          onChange={(event) => toggleSituation(n, event.target.checked)}
                        />
                        <span>{t(`reports.situation.s${n}`)}</span>
                      </label>
                    ))}
                  </div>
                )}
              </Field>
              <Field
                id={fieldIds.description}
                required
                label={t('reports.field.description')}
                error={problems.description}
              >
                {(control) => (
                  <CountedTextArea
                    {...control}
                    rows={4}
                    maxLength={5000}
                    showCount
                    value={values.description}
                    onChange={(description) => change({ description })}
                  />
                )}
              </Field>
              <Field
                id={fieldIds.childDescription}
                label={t('reports.public.childDescription')}
                help={t('reports.public.childDescriptionHelp')}
                error={problems.childDescription}
              >
                {(control) => (
                  <CountedTextArea
                    {...control}
                    rows={2}
                    maxLength={1000}
                    value={values.childDescription}
                    onChange={(childDescription) => change({ childDescription })}
                  />
                )}
              </Field>
            </fieldset>
            <fieldset>
              <legend>{t('reports.section.where')}</legend>
              <Field
                id={fieldIds.divisionCode}
                required
                label={t('reports.public.place')}
                help={t('reports.public.placeHelp')}
                error={problems.divisionCode}
              >
                {(control) => (
                  <PublicPlacePicker
                    {...control}
                    value={values.divisionCode}
                    onChange={(divisionCode) => change({ divisionCode })}
                  />
                )}
              </Field>
              <Field id={fieldIds.address} label={t('reports.field.address')} error={problems.address}>
                {(control) => (
                  <input
                    {...control}
                    className="haven-input"
                    maxLength={300}
                    autoComplete="off"
                    value={values.address}
                    onChange={(event) => change({ address: event.target.value })}
                  />
                )}
              </Field>
            </fieldset>
            <fieldset>
              <legend>{t('reports.section.you')}</legend>
              <div className="haven-field">
                <label className="haven-check">
                  <input
                    type="checkbox"
                    checked={values.anonymous}
                    aria-describedby="publicReport_anonymous-help"
                    onChange={(event) => change({ anonymous: event.target.checked })}
                  />
                  <span>{t('reports.public.anonymous')}</span>
                </label>
                <div id="publicReport_anonymous-help" className="haven-field-help">
                  {t('reports.public.anonymousHelp')}
                </div>
              </div>
              {!values.anonymous && (
                <>
                  <Field id="publicReport_name" label={t('reports.public.name')}>
                    {(control) => (
                      <input
                        {...control}
                        className="haven-input"
                        maxLength={100}
                        autoComplete="name"
                        value={values.name}
                        onChange={(event) => change({ name: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field id={fieldIds.phone} label={t('reports.public.phone')} error={problems.phone}>
                    {(control) => (
                      <input
                        {...control}
                        className="haven-input"
                        type="tel"
                        maxLength={30}
                        inputMode="tel"
                        autoComplete="tel"
                        value={values.phone}
                        onChange={(event) => change({ phone: event.target.value })}
                      />
                    )}
                  </Field>
                </>
              )}
            </fieldset>
            {failure && <Notice type="error" message={failure} />}
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
          </form>
        )}
        <PublicFollowUp />
        <p>
          <Link to="/login">{t('reports.public.staffSignIn')}</Link>
        </p>
      </div>
    </StandaloneFrame>
  );
}
