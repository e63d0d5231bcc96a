import { Button, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import type { LeadTransfer, TransferUserAction } from './caseNetworkApi';
import { transferStatusColour } from './labels';
import { TransferActionModal } from './TransferActionModal';

/** Transfers of a case's lead: who to whom, why, the answer, and the buttons the asker's side may use. */
export function TransferList({ transfers, showCase }: { transfers: LeadTransfer[]; showCase?: boolean }) {
  const { t } = useTranslation();
  const [acting, setActing] = useState<{ transfer: LeadTransfer; action: TransferUserAction } | null>(null);
  return (
    <>
      <ul className="haven-network-list">
        {transfers.map((transfer) => (
          <li key={transfer.id} className="haven-network-item" data-transfer-id={transfer.id}>
            <div>
              {showCase && <strong>{transfer.caseNo} · </strong>}
              {t('caseNetwork.transferLine', { from: transfer.from.name, to: transfer.to.name })}{' '}
              <Tag color={transferStatusColour[transfer.status]}>
                {t(`caseNetwork.transferStatus.${transfer.status}`)}
              </Tag>
            </div>
            <div className="haven-secondary">
              {t('caseNetwork.requestedAt', { at: formatDateTime(transfer.requestedAt, t) })} · {transfer.reason}
            </div>
            {transfer.decidedAt && (
              <div className="haven-secondary">
                {t('caseNetwork.decidedAt', { at: formatDateTime(transfer.decidedAt, t) })}
                {transfer.decisionReason && ` · ${transfer.decisionReason}`}
              </div>
            )}
            {transfer.allowedActions.length > 0 && (
              <div className="haven-form-footer">
                {transfer.allowedActions.map((action) => (
                  <Button
                    key={action}
                    type={action === 'accept' ? 'primary' : 'default'}
                    danger={action === 'reject'}
                    onClick={() => setActing({ transfer, action })}
                    aria-label={t('caseNetwork.transferActionOn', {
                      action: t(`caseNetwork.transferAction.${action}`),
                      caseNo: transfer.caseNo,
                    })}
                  >
                    {t(`caseNetwork.transferAction.${action}`)}
                  </Button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
      <TransferActionModal
        transfer={acting?.transfer ?? null}
        action={acting?.action ?? null}
        onClose={() => setActing(null)}
      />
    </>
  );
}
