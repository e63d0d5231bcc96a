import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { actOnTransfer, type LeadTransfer, type TransferUserAction } from './caseNetworkApi';
import { useSaving } from './useSaving';

/** Accept (a note), reject or withdraw (a reason) a transfer of a case's lead, at the seq it was seen. */
export function TransferActionModal({
  transfer,
  action,
  onClose,
}: {
  transfer: LeadTransfer | null;
  action: TransferUserAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text?: string }>();
  const { busy, save } = useSaving();
  const needsReason = action === 'reject' || action === 'withdraw';
  return (
    <Modal
      open={transfer !== null && action !== null}
      title={transfer && action ? t(`caseNetwork.transferActionTitle.${action}`, { caseNo: transfer.caseNo }) : ''}
      okText={action ? t(`caseNetwork.transferAction.${action}`) : ''}
      okButtonProps={{ loading: busy, danger: action === 'reject' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {transfer && (
        <p>
          {t('caseNetwork.transferLine', { from: transfer.from.name, to: transfer.to.name })}
          <br />
          <span className="haven-secondary">{transfer.reason}</span>
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ text }) => {
          if (!transfer || !action) return;
          const expectedSeq = transfer.seq;
          const body =
            action === 'accept'
              ? { type: action, expectedSeq, note: text || undefined }
              : { type: action, expectedSeq, reason: text ?? '' };
          const done = t(`caseNetwork.transferDone.${action}`, { caseNo: transfer.caseNo });
          if (await save((key) => actOnTransfer(transfer.id, body, key), done)) onClose();
        }}
      >
        <Form.Item
          name="text"
          label={t(needsReason ? 'caseNetwork.transferReason' : 'caseNetwork.note')}
          rules={needsReason ? [{ required: true, whitespace: true, message: t('caseNetwork.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
