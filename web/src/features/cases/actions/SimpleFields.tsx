import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrganisationSelect } from '../../organisations/OrganisationSelect';
import type { Obj } from '../formValues';
import { DateField, isoDateItem, lines } from './fieldKit';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

export function NoteFields() {
  const { t } = useTranslation();
  return (
    <Form.Item name="note" label={t('cases.form.note')}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
    </Form.Item>
  );
}
export const noteBody = (values: Obj): Obj => ({ note: text(values.note) });

export function ReasonFields() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="reason"
      label={t('cases.form.reason')}
      rules={[{ required: true, whitespace: true, message: t('cases.form.reasonRequired') }]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
    </Form.Item>
  );
}
export const reasonBody = (values: Obj): Obj => ({ reason: text(values.reason) });

/** 申请结案: why, and what came of the case (told to the mandated reporter). */
export function ClosureFields() {
  const { t } = useTranslation();
  return (
    <>
      <ReasonFields />
      <Form.Item
        name="outcome"
        label={t('cases.closure.outcome')}
        extra={t('cases.closure.outcomeHelp')}
        rules={[{ required: true, whitespace: true, message: t('cases.closure.outcomeRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
    </>
  );
}
export const closureBody = (values: Obj): Obj => ({ reason: text(values.reason), outcome: text(values.outcome) });

export function ConferenceFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="heldOn"
        label={t('cases.conference.heldOn')}
        rules={[{ required: true, message: t('cases.form.dateRequired', { field: t('cases.conference.heldOn') }) }]}
        {...isoDateItem}
      >
        <DateField />
      </Form.Item>
      <Form.Item
        name="participants"
        label={t('cases.conference.participants')}
        extra={t('cases.form.onePerLine')}
        rules={[{ required: true, whitespace: true, message: t('cases.conference.participantsRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="decisions"
        label={t('cases.conference.decisions')}
        extra={t('cases.form.onePerLine')}
        rules={[{ required: true, whitespace: true, message: t('cases.conference.decisionsRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
      </Form.Item>
    </>
  );
}
export const conferenceBody = (values: Obj): Obj => ({
  heldOn: values.heldOn,
  participants: lines(values.participants),
  decisions: lines(values.decisions),
});

export function ParticipantFields() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="organisationId"
      label={t('cases.participant.organisation')}
      rules={[{ required: true, message: t('cases.participant.organisationRequired') }]}
    >
      <OrganisationSelect />
    </Form.Item>
  );
}
export const participantBody = (values: Obj): Obj => ({ organisationId: values.organisationId });
