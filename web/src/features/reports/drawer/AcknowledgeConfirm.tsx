import { useQueryClient } from '@tanstack/react-query';
import { Modal, message as antMessage } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { acknowledgeReport } from '../reportsApi';
import type { AcknowledgeRequest } from './useAcknowledge';

/**
 * The confirmation of useAcknowledge.tsx and its notices, downloaded on the first click (antd's Modal
 * and message are ~25 KB that the pages listing reports do not need to show them). Stays mounted
 * afterwards, so the notice of the outcome outlives the dialog.
 */
export default function AcknowledgeConfirm({
  request,
  onBusy,
  onSettled,
}: {
  request: AcknowledgeRequest | null;
  onBusy: (reportId: string | null) => void;
  onSettled: () => void;
}) {
  const { t } = useTranslation();
  const [modal, modalHolder] = Modal.useModal();
  const [message, messageHolder] = antMessage.useMessage();
  const queryClient = useQueryClient();
  const opened = useRef<AcknowledgeRequest | null>(null);

  useEffect(() => {
    if (!request || opened.current === request) return;
    opened.current = request;
    const { report, resolve } = request;
    const settle = (done: boolean) => {
      resolve(done);
      onSettled();
    };
    // One idempotency key per confirmation, so a retried request is not a second act.
    const key = crypto.randomUUID();
    onBusy(null);
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
      onCancel: () => settle(false),
      onOk: async () => {
        onBusy(report.id);
        try {
          const answer = await acknowledgeReport(report.id, key);
          void message.success(
            t(answer.late ? 'reports.acknowledge.doneLate' : 'reports.acknowledge.done', { refNo: report.refNo }),
            6,
          );
          await queryClient.invalidateQueries({ queryKey: ['my-work'] });
          void queryClient.invalidateQueries({ queryKey: ['reports'] });
          void queryClient.invalidateQueries({ queryKey: ['cases'] });
          settle(true);
        } catch (error) {
          void message.error(describeApiError(error, t), 8);
          settle(false);
        } finally {
          onBusy(null);
        }
      },
    });
  }, [request, modal, message, queryClient, t, onBusy, onSettled]);

  // In the page's React tree (theme, locale).
  return (
    <>
      {modalHolder}
      {messageHolder}
    </>
  );
}
