import { childFileSchema } from '@contract/registry/child.js';
import { relationCodes as relations } from '@contract/registry/vocabulary.js';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SexRadio } from '../SexRadio';
import { Link, useNavigate } from 'react-router';
import { ApiError, requestParsed } from '../../../app/api/client';
import { describeApiError } from '../../../app/api/describeApiError';
import { FormSelect } from '../../../app/forms/FormSelect';
import { showFieldProblems } from '../../../app/forms/serverErrors';
import { DivisionName, DivisionPicker } from '../../divisions/DivisionPicker';
import { formatDate } from '../../../app/format';
import { idFacts, idProblem } from '../idCheck';
import { sexText } from '../labels';
import { useAuth } from '../../../app/auth/AuthProvider';
import { useFormDraft } from '../../../app/forms/useFormDraft';
import { levelOf } from '@contract/divisions/codes.js';
import { ReasonList } from '../ReasonList';
import '../registry.css';
import { candidatesOf, elsewhereOf, existingIdOf, type Candidate } from './candidates';
import { useIdRules } from './useIdRules';

interface NewChildValues {
  name: string;
  sex: 'male' | 'female';
  birthDate: Dayjs;
  noIdNumber: boolean;
  idNumber?: string;
  residenceCode: string;
  hukouCode?: string;
  address?: string;
  guardianRelation?: string;
  guardianName?: string;
  guardianPhone?: string;
}

const fields = ['name', 'sex', 'birthDate', 'idNumber', 'residenceCode', 'hukouCode', 'address', 'family'];
const text = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : null);

/** 新增: register a child; the ID number checked as typed; possible duplicates shown before a second file is made. */
export default function CreateChildPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewChildValues>();
  const idRules = useIdRules(form);
  const draft = useFormDraft(form, 'registry-new-child', (stored) => ({
    ...stored,
    birthDate: typeof stored.birthDate === 'string' ? dayjs(stored.birthDate) : undefined,
  }));
  const noId = Form.useWatch('noIdNumber', form);
  const idNumber = Form.useWatch('idNumber', form);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ message: string; existing: string | null } | null>(null);
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [elsewhere, setElsewhere] = useState(0);
  // One key per registration: a retry after a dropped answer does not register the child twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  // The possible matches appear above the form: bring them into view and give them focus.
  const candidatesRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!candidates) return;
    candidatesRef.current?.scrollIntoView({ block: 'start' });
    candidatesRef.current?.focus();
  }, [candidates]);
  const encoded = idNumber && idProblem(idNumber) === null ? idFacts(idNumber) : null;
  // A valid ID number says the sex and the birth date: they fill themselves where still empty
  // (a different value already entered stays, and the check beside it says they disagree).
  const encodedKey = encoded ? `${encoded.birthDate}/${encoded.sex}` : '';
  useEffect(() => {
    if (!encodedKey) return;
    const [birthDate = '', sex] = encodedKey.split('/');
    const current = form.getFieldsValue(['sex', 'birthDate']) as Partial<NewChildValues>;
    if (!current.sex) form.setFieldValue('sex', sex);
    if (!current.birthDate) form.setFieldValue('birthDate', dayjs(birthDate));
  }, [encodedKey, form]);
  // A village director's scope is her one village: that is where the children she registers live.
  const { me } = useAuth();
  const ownVillage = me && levelOf(me.user.jurisdictionCode) === 'village' ? me.user.jurisdictionCode : undefined;

  async function save(values: NewChildValues, confirmedNotDuplicate: boolean) {
    setSaving(true);
    setFailure(null);
    const family = text(values.guardianName)
      ? [
          {
            relation: values.guardianRelation ?? 'other',
            name: text(values.guardianName),
            phone: text(values.guardianPhone),
            isGuardian: true,
          },
        ]
      : undefined;
    const body = {
      name: values.name.trim(),
      sex: values.sex,
      birthDate: values.birthDate.format('YYYY-MM-DD'),
      idNumber: values.noIdNumber ? null : text(values.idNumber),
      residenceCode: values.residenceCode,
      hukouCode: values.hukouCode ?? null,
      address: text(values.address),
      family,
      confirmedNotDuplicate: confirmedNotDuplicate || undefined,
    };
    try {
      const created = await requestParsed(childFileSchema, '/api/children', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': confirmedNotDuplicate ? `${idempotencyKey}-confirmed` : idempotencyKey },
      });
      setIdempotencyKey(crypto.randomUUID());
      draft.clear();
      void navigate(`/registry/${created.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'registry.possible_duplicate') {
        setCandidates(candidatesOf(error));
        setElsewhere(elsewhereOf(error));
        setIdempotencyKey(crypto.randomUUID());
      } else if (!showFieldProblems(form, error, fields)) {
        setFailure({
          message: describeApiError(error, t),
          existing: error instanceof ApiError ? existingIdOf(error) : null,
        });
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="haven-list haven-form-narrow">
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="haven-form-alert"
          message={failure.message}
          action={
            failure.existing && <Link to={`/registry/${failure.existing}`}>{t('registry.create.openExisting')}</Link>
          }
        />
      )}
      {candidates && (
        <div ref={candidatesRef} tabIndex={-1} className="haven-focus-target">
          <Card
            className="haven-form-alert"
            title={t('registry.create.candidatesTitle', { count: candidates.length + elsewhere })}
            role="region"
            aria-label={t('registry.create.candidatesTitle', { count: candidates.length + elsewhere })}
          >
            <p>{t('registry.create.candidatesText')}</p>
            {elsewhere > 0 && (
              <Alert
                type="info"
                showIcon
                className="haven-form-alert"
                message={t('registry.create.elsewhere', { count: elsewhere })}
              />
            )}
            {candidates.map((candidate) => (
              <Card
                key={candidate.havenCode}
                size="small"
                className="haven-member"
                title={candidate.child ? `${candidate.child.name} · ${candidate.havenCode}` : candidate.havenCode}
              >
                {candidate.child && (
                  <p>
                    {sexText(t, candidate.child.sex)} · {formatDate(candidate.child.birthDate, t)} ·{' '}
                    <span className="haven-code">{candidate.child.idNumber ?? '—'}</span> ·{' '}
                    <DivisionName code={candidate.child.residenceCode} />
                  </p>
                )}
                <p>{t('registry.duplicates.score', { score: candidate.score })}</p>
                <ReasonList reasons={candidate.reasons} />
                {candidate.inScope && candidate.child && (
                  <Link to={`/registry/${candidate.child.id}`}>
                    {t('registry.create.openThis', { name: candidate.child.name })}
                  </Link>
                )}
              </Card>
            ))}
            <div className="haven-section-actions">
              <Button
                type="primary"
                loading={saving}
                onClick={() => void form.validateFields().then((values) => save(values, true))}
              >
                {t('registry.create.notSameCreate')}
              </Button>
              <Button onClick={() => setCandidates(null)}>{t('registry.create.backToForm')}</Button>
            </div>
          </Card>
        </div>
      )}
      <Form<NewChildValues>
        form={form}
        layout="vertical"
        name="createChild"
        initialValues={{ noIdNumber: false, residenceCode: ownVillage }}
        onFinish={(values) => void save(values, false)}
        onValuesChange={draft.onValuesChange}
        scrollToFirstError
      >
        <Form.Item
          name="name"
          label={t('registry.name')}
          rules={[{ required: true, whitespace: true, message: t('registry.form.nameRequired') }]}
        >
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="noIdNumber"
          valuePropName="checked"
          extra={noId ? t('registry.create.provisionalHint') : undefined}
        >
          <Checkbox>{t('registry.create.noIdNumber')}</Checkbox>
        </Form.Item>
        {!noId && (
          <Form.Item
            name="idNumber"
            label={t('registry.idNumber')}
            rules={[{ required: true, message: t('registry.form.idRequired') }, ...idRules.idNumber]}
            normalize={(value: string) => value.toUpperCase()}
            extra={
              encoded
                ? t('registry.create.idSays', {
                    date: formatDate(encoded.birthDate, t),
                    sex: t(`registry.sex.${encoded.sex}`),
                  })
                : undefined
            }
          >
            <Input maxLength={18} className="haven-code" autoComplete="off" inputMode="text" />
          </Form.Item>
        )}
        {encoded && (
          <Button
            className="haven-form-alert"
            onClick={() => {
              form.setFieldsValue({ birthDate: dayjs(encoded.birthDate), sex: encoded.sex });
              void form.validateFields(['birthDate', 'sex']);
            }}
          >
            {t('registry.create.fillFromId')}
          </Button>
        )}
        <Form.Item
          name="sex"
          label={t('registry.sexLabel')}
          dependencies={['idNumber']}
          rules={[{ required: true, message: t('registry.form.sexRequired') }, ...idRules.sex]}
        >
          <SexRadio />
        </Form.Item>
        <Form.Item
          name="birthDate"
          label={t('registry.birthDate')}
          dependencies={['idNumber']}
          rules={[{ required: true, message: t('registry.form.birthRequired') }, ...idRules.birthDate]}
        >
          <DatePicker
            className="haven-full-width"
            placeholder={t('registry.form.datePlaceholder')}
            disabledDate={(day) => day.isAfter(dayjs())}
          />
        </Form.Item>
        <Form.Item
          name="residenceCode"
          label={t('registry.residence')}
          rules={[{ required: true, message: t('registry.form.residenceRequired') }]}
          extra={t('registry.create.residenceHint')}
        >
          <DivisionPicker />
        </Form.Item>
        <Form.Item name="address" label={t('registry.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="hukouCode" label={t('registry.hukou')}>
          <DivisionPicker />
        </Form.Item>
        <fieldset className="haven-fieldset">
          <legend>{t('registry.create.guardian')}</legend>
          <Form.Item name="guardianRelation" label={t('registry.family.relation')}>
            <FormSelect
              allowClear
              options={relations.map((code) => ({ value: code, label: t(`registry.relation.${code}`) }))}
            />
          </Form.Item>
          <Form.Item name="guardianName" label={t('registry.create.guardianName')}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="guardianPhone" label={t('registry.create.guardianPhone')}>
            <Input maxLength={30} inputMode="tel" />
          </Form.Item>
        </fieldset>
        <div className="haven-section-actions">
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
          <Button onClick={() => void navigate('/registry')}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </div>
  );
}
