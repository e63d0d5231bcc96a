import { useQueryClient } from '@tanstack/react-query';
import { Modal } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { useNotice } from '../../../app/notice/useNotice';
import { acknowledgeReport } from '../reportsApi';
import type { AcknowledgeRequest } from './useAcknowledge';

/**
 * The confirmation of useAcknowledge.tsx and its notices, downloaded on the first click (antd's Modal
 * and message are ~25 KB that the pages listing reports do not need to show them).
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
  const notice = useNotice();
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
          void notice.success(
            t(answer.late ? 'reports.acknowledge.doneLate' : 'reports.acknowledge.done', { refNo: report.refNo }),
            6,
          );
          await queryClient.invalidateQueries({ queryKey: ['my-work'] });
          void queryClient.invalidateQueries({ queryKey: ['reports'] });
          void queryClient.invalidateQueries({ queryKey: ['cases'] });
          settle(true);
        } catch (error) {
          void notice.error(describeApiError(error, t), 8);
          settle(false);
        } finally {
          onBusy(null);
        }
      },
    });
  }, [request, modal, notice, queryClient, t, onBusy, onSettled]);

  // The dialog in the page's React tree (theme, locale). The notices outlive it (app/notice/useNotice.ts):
  // the acknowledged report leaves "my work" when it refetches, unmounting its number, this component
  // with it, and any notice held here — the person would never read what to do next.
  return modalHolder;
}
