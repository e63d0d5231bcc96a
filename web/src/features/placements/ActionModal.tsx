import type { EndReason, UserPlacementAction } from '@contract/placements/vocabulary.js';
import { endReasons } from '@contract/placements/vocabulary.js';
import type { PlacementView } from '@contract/placements/views.js';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { PlaceFields, type PlaceValues, placeBody } from './PlaceFields';
import { AssessFields, assessBody, EscortFields, escortBody, type WayHomeValues } from './WayHomeFields';
import { actOnPlacement, institutionFull, placeChild, placementKeys } from './placementsApi';

/** What the modal is for: one of the episode's actions, a first placement, or a return home (a transfer home). */
export type ModalAction = UserPlacementAction | 'place' | 'return_home';

interface Props {
  action: ModalAction;
  childId: string;
  current: PlacementView | null;
  onClose: (outcome?: { handedOver: boolean }) => void;
}

type Values = PlaceValues &
  WayHomeValues & {
    days?: number;
    reason?: string;
    note?: string;
    endReason?: EndReason;
    visitedOn?: string;
    childSafe?: boolean;
  };

const titleKey = {
  place: 'placements.form.placeTitle',
  transfer: 'placements.form.transferTitle',
  return_home: 'placements.form.returnTitle',
} as const;

export function ActionModal({ action, childId, current, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [full, setFull] = useState<{ occupancy: number; beds: number }>();
  const [problem, setProblem] = useState<string>();
  const placing = action === 'place' || action === 'transfer' || action === 'return_home';

  async function submit(values: Values) {
    setBusy(true);
    setProblem(undefined);
    try {
      let handedOver = false;
      if (action === 'place') await placeChild(childId, placeBody(values), key);
      else if (current) {
        const expectedSeq = current.seq;
        const body =
          action === 'assess_return_home'
            ? assessBody(values, expectedSeq)
            : action === 'escort_home'
              ? escortBody(values, expectedSeq)
              : action === 'transfer' || action === 'return_home'
                ? { type: 'transfer' as const, expectedSeq, next: placeBody(values) }
                : action === 'request_extension'
                  ? { type: action, expectedSeq, days: values.days ?? 10, reason: values.reason ?? '' }
                  : action === 'approve_extension'
                    ? { type: action, expectedSeq, note: values.note || null }
                    : action === 'reject_extension'
                      ? { type: action, expectedSeq, reason: values.reason ?? '' }
                      : action === 'end'
                        ? { type: action, expectedSeq, reason: values.endReason ?? 'other', note: values.note || null }
                        : {
                            type: 'follow_up' as const,
                            expectedSeq,
                            visitedOn: values.visitedOn ?? '',
                            childSafe: values.childSafe ?? true,
                            note: values.note ?? '',
                          };
        const answer = await actOnPlacement(current.id, body, key);
        handedOver = answer.placement === null;
      }
      await queryClient.invalidateQueries({ queryKey: placementKeys.child(childId) });
      setKey(crypto.randomUUID());
      onClose({ handedOver });
    } catch (error) {
      const occupancy = institutionFull(error);
      if (occupancy) setFull(occupancy);
      else setProblem(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, message: t('placements.form.required') }];
  const initial: Partial<Values> =
    action === 'return_home'
      ? { kind: 'home', legalBasis: 'voluntary', guardianType: 'parents', childSafe: true }
      : { childSafe: true, days: 10, guardianKind: 'parents' };
  return (
    <Modal
      open
      title={
        placing ? t(titleKey[action as keyof typeof titleKey]) : t(`placements.action.${action as UserPlacementAction}`)
      }
      okText={t('placements.form.submit')}
      cancelText={t('placements.form.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      destroyOnHidden
      width={560}
    >
      {problem && <Alert type="error" showIcon role="alert" className="haven-form-alert" message={problem} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => void submit(values)}>
        {placing && <PlaceFields full={full} />}
        {action === 'request_extension' && (
          <>
            <Form.Item name="days" label={t('placements.form.days')} rules={required}>
              <InputNumber min={1} max={90} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="reason" label={t('placements.form.extensionReason')} rules={required}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'assess_return_home' && <AssessFields />}
        {action === 'escort_home' && (
          <EscortFields
            gated={
              current !== null &&
              (current.legalBasis === 'temporary_state_guardianship' ||
                current.legalBasis === 'long_term_state_guardianship')
            }
          />
        )}
        {action === 'approve_extension' && (
          <Form.Item name="note" label={t('placements.form.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {action === 'reject_extension' && (
          <Form.Item name="reason" label={t('placements.form.rejectReason')} rules={required}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {action === 'end' && (
          <>
            <Form.Item name="endReason" label={t('placements.form.endReason')} rules={required}>
              <Select options={endReasons.map((r) => ({ value: r, label: t(`placements.endReason.${r}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('placements.form.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'follow_up' && (
          <>
            <Form.Item name="visitedOn" label={t('placements.form.visitedOn')} rules={required}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="childSafe" label={t('placements.form.childSafe')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="note" label={t('placements.form.followUpNote')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
