import { Alert, Button, Drawer, Form, Modal } from 'antd';
import { useFormDraft } from '../../../app/forms/useFormDraft';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { useContractFailure } from '../../../app/api/useContractFailure';
import { showFieldProblems } from '../../../app/forms/serverErrors';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';
import { type CaseDetail, conflictOf, postAction } from '../api/casesApi';
import type { UserActionType } from '@contract/cases/vocabulary.js';
import type { Obj } from '../formValues';
import { actionText } from '../labels';
import { actionForms } from './actionForms';

export interface Conflict {
  status: string | null;
  allowed: string[];
  message: string;
  /** The case as the server has it now. */
  current: CaseDetail | null;
}

interface ActionDialogProps {
  caseDetail: CaseDetail;
  type: UserActionType | null;
  onClose: () => void;
  onDone: (updated: CaseDetail, type: UserActionType) => void;
  /** The case moved on (another officer, another tab): the page shows why and reloads. */
  onConflict: (conflict: Conflict) => void;
}

/** One action's form, sent with the case's seq so that a stale view is refused, never lost or doubled. */
export function ActionDialog({ caseDetail, type, onClose, onDone, onConflict }: ActionDialogProps) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const [form] = Form.useForm<Obj>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // One key per opening of the dialog, set while rendering the opening (not in an effect): a key set
  // after the first paint remounted the form (`key` below) and dropped what the person had already
  // ticked — the cases journey saw a checkbox that would not stay checked.
  const [opening, setOpening] = useState(() => ({ type, idempotencyKey: crypto.randomUUID() }));
  if (opening.type !== type) {
    setOpening({ type, idempotencyKey: crypto.randomUUID() });
    setFailure(null);
  }
  const idempotencyKey = opening.idempotencyKey;
  const spec = type ? actionForms[type] : null;
  const contractFailure = useContractFailure();
  // A long form (an assessment, a plan) survives a timeout or a closed dialog until it is sent.
  const draft = useFormDraft(form, `case-${caseDetail.id}-${type ?? ''}`);

  async function save(values: Obj) {
    if (!type || !spec) return;
    setSaving(true);
    setFailure(null);
    try {
      const updated = await postAction(
        caseDetail.id,
        { type, expectedSeq: caseDetail.seq, ...spec.body(values) },
        idempotencyKey,
      );
      draft.clear();
      onDone(updated, type);
    } catch (error) {
      if (contractFailure(error)) return;
      let conflict: ReturnType<typeof conflictOf>;
      try {
        conflict = conflictOf(error);
      } catch (violation) {
        contractFailure(violation);
        return;
      }
      if (conflict) {
        onConflict({ ...conflict, message: describeApiError(error, t) });
        return;
      }
      const fields = Object.keys(form.getFieldsValue(true) as Obj);
      const placed = showFieldProblems(form, error, fields);
      setFailure(describeApiError(error, t) + (placed ? ` ${t('reports.form.seeFields')}` : ''));
    } finally {
      setSaving(false);
    }
  }

  const title = type ? actionText(t, type) : '';
  const body = spec && (
    <>
      {failure && <Alert type="error" showIcon message={failure} className="haven-form-alert" />}
      {draft.restored && (
        <Alert
          type="info"
          showIcon
          className="haven-form-alert"
          message={t('forms.draft.restored')}
          action={
            <Button
              size="small"
              onClick={() => {
                draft.clear();
                form.resetFields();
              }}
            >
              {t('forms.draft.discard')}
            </Button>
          }
        />
      )}
      <Form<Obj>
        key={idempotencyKey}
        form={form}
        initialValues={spec.initial?.()}
        layout="vertical"
        name={`action-${type ?? ''}`}
        onFinish={(values) => void save(values)}
        onValuesChange={draft.onValuesChange}
        scrollToFirstError={{ focus: true, block: 'center' }}
      >
        <spec.Fields />
      </Form>
    </>
  );
  const footer = (
    <div className="haven-form-footer">
      <Button type="primary" danger={spec?.danger} loading={saving} onClick={() => form.submit()}>
        {t('cases.form.confirm', { action: title })}
      </Button>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
    </div>
  );

  if (spec?.long)
    return (
      <Drawer
        open={type !== null}
        title={title}
        width={phone ? '100%' : 640}
        onClose={onClose}
        footer={footer}
        destroyOnHidden
        closable={{ 'aria-label': t('common.close') }}
      >
        {body}
      </Drawer>
    );
  return (
    <Modal
      open={type !== null}
      title={title}
      onCancel={onClose}
      footer={footer}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {body}
    </Modal>
  );
}
