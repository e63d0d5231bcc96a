import { useQueryClient } from '@tanstack/react-query';
import { Modal, message as antMessage } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { acknowledgeReport } from '../reportsApi';

export interface AcknowledgeTarget {
  id: string;
  refNo: string;
  immediateDanger: boolean;
}

/**
 * 确认收到 is a legal act: it stops my organisation's acknowledgement clock (met, or missed when
 * late) and cannot be taken back. So it asks first, says what happens next, and afterwards says
 * what to do now. One idempotency key per confirmation, so a retried request is not a second act.
 */
export function useAcknowledge() {
  const { t } = useTranslation();
  const [modal, modalHolder] = Modal.useModal();
  const [message, messageHolder] = antMessage.useMessage();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);

  const acknowledge = useCallback(
    (report: AcknowledgeTarget): Promise<boolean> =>
      new Promise((resolve) => {
        const key = crypto.randomUUID();
        modal.confirm({
          title: t('reports.acknowledge.title', { refNo: report.refNo }),
          content: (
            <div className="haven-ack-confirm">
              <p>{t('reports.acknowledge.legal')}</p>
              <p>
                <strong>{t('reports.acknowledge.nextTitle')}</strong>
              </p>
              <ul>
                {report.immediateDanger && <li>{t('reports.acknowledge.nextDanger')}</li>}
                <li>{t('reports.acknowledge.nextVerify')}</li>
                <li>{t('reports.acknowledge.nextCase')}</li>
              </ul>
            </div>
          ),
          okText: t('reports.acknowledge.ok'),
          cancelText: t('reports.acknowledge.cancel'),
          onCancel: () => resolve(false),
          onOk: async () => {
            setBusy(report.id);
            try {
              const answer = await acknowledgeReport(report.id, key);
              void message.success(
                t(answer.late ? 'reports.acknowledge.doneLate' : 'reports.acknowledge.done', { refNo: report.refNo }),
                6,
              );
              await queryClient.invalidateQueries({ queryKey: ['my-work'] });
              void queryClient.invalidateQueries({ queryKey: ['reports'] });
              void queryClient.invalidateQueries({ queryKey: ['cases'] });
              resolve(true);
            } catch (error) {
              void message.error(describeApiError(error, t), 8);
              resolve(false);
            } finally {
              setBusy(null);
            }
          },
        });
      }),
    [modal, message, queryClient, t],
  );
  // Rendered by the page: the confirmation and its notices live in the page's React tree (theme, locale).
  const holder = (
    <>
      {modalHolder}
      {messageHolder}
    </>
  );
  return { acknowledge, busy, holder };
}
