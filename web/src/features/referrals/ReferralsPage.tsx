import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Modal, Segmented, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { formatMinute } from '../cases/labels';
import '../cases/cases.css';
import {
  actOnReferral,
  kindName,
  type ReferralListItem,
  type ReferralUserAction,
  serviceLabel,
  useReferrals,
} from './referralsApi';

const statusColour: Record<ReferralListItem['status'], string> = {
  requested: 'warning',
  accepted: 'blue',
  in_progress: 'processing',
  completed: 'success',
  declined: 'default',
  withdrawn: 'default',
};
/** Actions that need a text: its field in the body and its label. */
const textOf: Partial<Record<ReferralUserAction, 'reason' | 'outcome'>> = {
  decline: 'reason',
  withdraw: 'reason',
  complete: 'outcome',
};

/** The referrals of my organisation: received (to accept or decline, then deliver) and sent. */
export default function ReferralsPage() {
  const { t, i18n } = useTranslation();
  const [direction, setDirection] = useState<'incoming' | 'outgoing'>('incoming');
  const referrals = useReferrals(direction);
  const queryClient = useQueryClient();
  const notice = useNotice();
  const [pending, setPending] = useState<{ item: ReferralListItem; action: ReferralUserAction } | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());

  async function run(item: ReferralListItem, action: ReferralUserAction, value = '') {
    setBusy(true);
    try {
      const field = textOf[action];
      const body = { type: action, expectedSeq: item.seq, ...(field ? { [field]: value } : {}) };
      await actOnReferral(item.id, body as Parameters<typeof actOnReferral>[1], key);
      setKey(crypto.randomUUID());
      setPending(null);
      setText('');
      void notice.success(t('referrals.done'));
      await queryClient.invalidateQueries({ queryKey: ['referrals'] });
      void queryClient.invalidateQueries({ queryKey: ['my-work'] });
    } catch (error) {
      void notice.error(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  const items = referrals.data?.items ?? [];
  return (
    <div className="haven-referrals haven-stack">
      <Segmented
        value={direction}
        onChange={(value) => setDirection(value as 'incoming' | 'outgoing')}
        options={[
          { value: 'incoming', label: t('referrals.incoming') },
          { value: 'outgoing', label: t('referrals.outgoing') },
        ]}
      />
      {referrals.isError && <Alert type="error" showIcon message={describeApiError(referrals.error, t)} />}
      {referrals.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('referrals.empty')} />
      ) : (
        <ul className="haven-work-list" aria-label={t('referrals.title')}>
          {items.map((item) => (
            <li key={item.id} className={item.overdue ? 'haven-work-overdue' : undefined}>
              <div className="haven-work-item-main">
                <strong>
                  {/* A receiver opens the file (the parts shared) only while it serves the child. */}
                  {item.incoming && item.status !== 'accepted' && item.status !== 'in_progress' ? (
                    item.child.name
                  ) : (
                    <Link to={`/registry/${item.child.id}`}>{item.child.name}</Link>
                  )}
                </strong>{' '}
                <Tag color={statusColour[item.status]}>{t(`referrals.status.${item.status}`)}</Tag>
                <p>
                  {serviceLabel(item.service, i18n.language)} ·{' '}
                  {item.incoming
                    ? `${t('referrals.from')}：${item.from.name}（${kindName(item.from.kind, i18n.language)}）`
                    : `${t('referrals.to')}：${item.to.name}（${kindName(item.to.kind, i18n.language)}）`}
                </p>
                {item.dueAt && (
                  <p className={item.overdue ? 'haven-case-late' : undefined}>
                    {item.overdue
                      ? t('referrals.overdue', { at: formatMinute(item.dueAt, t) })
                      : t('referrals.due', { at: formatMinute(item.dueAt, t) })}
                  </p>
                )}
              </div>
              <span className="haven-form-footer">
                {item.allowedActions.map((action) => (
                  <Button
                    key={action}
                    type={action === 'accept' || action === 'complete' ? 'primary' : 'default'}
                    danger={action === 'decline' || action === 'withdraw'}
                    loading={busy && pending?.item.id === item.id && pending.action === action}
                    aria-label={t('referrals.actionOn', {
                      action: t(`referrals.action.${action}`),
                      child: item.child.name,
                    })}
                    onClick={() => (textOf[action] ? setPending({ item, action }) : void run(item, action))}
                  >
                    {t(`referrals.action.${action}`)}
                  </Button>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Modal
        open={pending !== null}
        title={
          pending
            ? t('referrals.actionOn', {
                action: t(`referrals.action.${pending.action}`),
                child: pending.item.child.name,
              })
            : ''
        }
        okText={pending ? t(`referrals.action.${pending.action}`) : ''}
        okButtonProps={{ disabled: text.trim() === '', loading: busy }}
        onOk={() => pending && void run(pending.item, pending.action, text.trim())}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <label htmlFor="referral-text">
          {pending && textOf[pending.action] === 'outcome' ? t('referrals.outcome') : t('referrals.reason')}
        </label>
        <Input.TextArea
          id="referral-text"
          rows={4}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Modal>
    </div>
  );
}
