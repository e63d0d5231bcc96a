import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDate } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import '../cases/cases.css';
import {
  type ActionItemStep,
  type ActionItemView,
  conferenceApi,
  labelOf,
  useRefreshConference,
  vocabularyLabels,
} from './conferenceApi';

const statusColour: Record<ActionItemView['status'], string> = {
  open: 'processing',
  done: 'success',
  cancelled: 'default',
};

/** Action items with their owner, due date, clock and the steps the server allows me. */
export function ActionItemList({ items, showMeeting }: { items: readonly ActionItemView[]; showMeeting?: boolean }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshConference();
  const notice = useNotice();
  const [pending, setPending] = useState<{ item: ActionItemView; step: ActionItemStep } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());

  async function run() {
    if (!pending) return;
    setBusy(true);
    try {
      await conferenceApi.actOnActionItem(
        pending.item.id,
        { step: pending.step, expectedVersion: pending.item.version, ...(note.trim() ? { note: note.trim() } : {}) },
        key,
      );
      setKey(crypto.randomUUID());
      setPending(null);
      setNote('');
      void notice.success(t('jointConference.saved'));
      refresh();
    } catch (error) {
      void notice.error(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  if (items.length === 0) return <p>{t('jointConference.noItems')}</p>;
  return (
    <>
      <ul className="haven-work-list" aria-label={t('jointConference.decisions')}>
        {items.map((item) => (
          <li key={item.id} className={item.overdue ? 'haven-work-overdue' : undefined}>
            <div className="haven-work-item-main">
              <strong>{item.title}</strong>{' '}
              <Tag color={statusColour[item.status]}>
                {labelOf(vocabularyLabels.actionItemStatus[item.status], i18n.language)}
              </Tag>
              <p>
                {t('jointConference.owner')}：{item.owner.name} · {t('jointConference.dueOn')}：
                {formatDate(item.dueOn, t)}
              </p>
              {item.overdue && (
                <p className="haven-case-late">
                  <ExclamationCircleOutlined aria-hidden /> {t('jointConference.overdue')}
                  {item.clock && item.clock.escalationLevel > 0
                    ? ` · ${t('jointConference.escalated', { level: item.clock.escalationLevel })}`
                    : ''}
                </p>
              )}
              {item.detail && <p>{item.detail}</p>}
              {item.note && (
                <p>
                  {t('jointConference.note')}：{item.note}
                </p>
              )}
              {showMeeting && (
                <p>
                  <Link to={`/joint-conference/${item.meetingId}`}>{item.meetingTitle}</Link>
                </p>
              )}
            </div>
            <span className="haven-form-footer">
              {item.allowedSteps.map((step) => (
                <Button
                  key={step}
                  type={step === 'done' ? 'primary' : 'default'}
                  danger={step === 'cancel'}
                  aria-label={`${t(`jointConference.step.${step}`)}：${item.title}`}
                  onClick={() => setPending({ item, step })}
                >
                  {t(`jointConference.step.${step}`)}
                </Button>
              ))}
            </span>
          </li>
        ))}
      </ul>
      <Modal
        open={pending !== null}
        title={pending ? `${t(`jointConference.step.${pending.step}`)}：${pending.item.title}` : ''}
        okText={pending ? t(`jointConference.step.${pending.step}`) : ''}
        okButtonProps={{ loading: busy, disabled: pending?.step === 'cancel' && note.trim() === '' }}
        onOk={() => void run()}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <label htmlFor="conference-item-note">
          {pending?.step === 'cancel' ? t('jointConference.cancelReason') : t('jointConference.doneNote')}
        </label>
        <Input.TextArea
          id="conference-item-note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </>
  );
}
