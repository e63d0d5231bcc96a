import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Spin, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { formatMinute } from '../cases/labels';
import '../cases/cases.css';
import {
  actOnRecommendation,
  type RecommendationUserAction,
  type RecommendationView,
  useRecommendation,
} from './recommendationsApi';
import { statusColour } from './RecommendationsPage';

interface Values {
  text?: string;
  documentReference?: string;
  reason?: string;
  note?: string;
  filedOn?: Dayjs;
  court?: string;
}

function bodyOf(action: RecommendationUserAction, seq: number, v: Values) {
  const expectedSeq = seq;
  switch (action) {
    case 'reply':
      return { type: action, expectedSeq, text: v.text ?? '', documentReference: v.documentReference || undefined };
    case 'accept':
      return { type: action, expectedSeq, note: v.note || undefined };
    case 'return':
    case 'withdraw':
      return { type: action, expectedSeq, reason: v.reason ?? '' };
    case 'note_litigation':
      return {
        type: action,
        expectedSeq,
        filedOn: v.filedOn ? v.filedOn.format('YYYY-MM-DD') : '',
        court: v.court ?? '',
        note: v.note || undefined,
      };
  }
}

/** One recommendation: the facts and what it recommends, the reply and its clock, and my next step. */
export default function RecommendationPage() {
  const { t } = useTranslation();
  const { recommendationId = '' } = useParams();
  const found = useRecommendation(recommendationId);
  const queryClient = useQueryClient();
  const [acting, setActing] = useState<RecommendationUserAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [form] = Form.useForm<Values>();
  const notice = useNotice();

  if (found.isPending) return <Spin />;
  if (found.isError) return <Alert type="error" showIcon message={describeApiError(found.error, t)} />;
  const r: RecommendationView = found.data;

  async function run(action: RecommendationUserAction, values: Values) {
    setBusy(true);
    try {
      const updated = await actOnRecommendation(r.id, bodyOf(action, r.seq, values), key);
      queryClient.setQueryData(['recommendations', 'one', r.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['recommendations'] });
      void queryClient.invalidateQueries({ queryKey: ['my-work'] });
      setKey(crypto.randomUUID());
      setActing(null);
      form.resetFields();
      void notice.success(t('recommendations.done'));
    } catch (error) {
      void notice.error(describeApiError(error, t));
      void found.refetch();
    } finally {
      setBusy(false);
    }
  }

  const running = r.clocks.find((c) => c.state === 'running');
  return (
    <div className="haven-stack">
      <p>
        <Tag color={statusColour[r.status]}>{t(`recommendations.status.${r.status}`)}</Tag>
        {r.overdue && <Tag color="error">{t('recommendations.overdueTag')}</Tag>}
      </p>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('recommendations.reference')}>{r.reference ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('recommendations.from')}>{r.from.name}</Descriptions.Item>
        <Descriptions.Item label={t('recommendations.to')}>{r.to.name}</Descriptions.Item>
        <Descriptions.Item label={t('recommendations.issuedAt')}>{formatMinute(r.issuedAt, t)}</Descriptions.Item>
        {r.aboutChild && (
          <Descriptions.Item label={t('recommendations.child')}>
            {r.child ? <Link to={`/registry/${r.child.id}`}>{r.child.name}</Link> : t('recommendations.childHidden')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('recommendations.replyDue')}>
          <span className={r.overdue ? 'haven-case-late' : undefined}>
            {running ? formatMinute(running.dueAt, t) : r.replyDueAt ? formatMinute(r.replyDueAt, t) : '—'}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <section className="haven-case-section" aria-labelledby="rec-facts">
        <h2 id="rec-facts">{t('recommendations.facts')}</h2>
        <p style={{ whiteSpace: 'pre-wrap' }}>{r.facts}</p>
        <h2>{t('recommendations.recommends')}</h2>
        <p style={{ whiteSpace: 'pre-wrap' }}>{r.recommends}</p>
      </section>
      <section className="haven-case-section" aria-labelledby="rec-reply">
        <h2 id="rec-reply">{t('recommendations.reply')}</h2>
        {r.reply ? (
          <>
            <p style={{ whiteSpace: 'pre-wrap' }}>{r.reply.text}</p>
            <p className="haven-secondary">
              {r.reply.by} · {formatMinute(r.reply.repliedAt, t)}
              {r.reply.documentReference ? ` · ${r.reply.documentReference}` : ''}
            </p>
          </>
        ) : (
          <p className="haven-secondary">{t('recommendations.noReply')}</p>
        )}
      </section>
      {r.litigation && (
        <Alert
          type="info"
          showIcon
          message={t('recommendations.litigationNoted', { court: r.litigation.court, on: r.litigation.filedOn })}
        />
      )}
      <span className="haven-form-footer">
        {r.allowedActions.map((action) => (
          <Button
            key={action}
            size="large"
            type={action === 'reply' || action === 'accept' ? 'primary' : 'default'}
            danger={action === 'withdraw'}
            onClick={() => setActing(action)}
          >
            {t(`recommendations.action.${action}`)}
          </Button>
        ))}
      </span>
      <section className="haven-case-section" aria-labelledby="rec-log">
        <h2 id="rec-log">{t('recommendations.log')}</h2>
        <ul>
          {r.actions.map((a) => (
            <li key={a.seq}>
              {formatMinute(a.occurredAt, t)} · {t(`recommendations.logAction.${a.type}`)} · {a.actorLabel}
            </li>
          ))}
        </ul>
      </section>
      <p>
        <Link to="/recommendations">{t('recommendations.backToList')}</Link>
      </p>
      <Modal
        open={acting !== null}
        title={acting ? t(`recommendations.action.${acting}`) : ''}
        okText={acting ? t(`recommendations.action.${acting}`) : ''}
        okButtonProps={{ loading: busy }}
        onOk={() => form.submit()}
        onCancel={() => setActing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => acting && void run(acting, values)}>
          {acting === 'reply' && (
            <>
              <Form.Item
                name="text"
                label={t('recommendations.replyText')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea rows={6} maxLength={8000} />
              </Form.Item>
              <Form.Item name="documentReference" label={t('recommendations.documentReference')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          {(acting === 'return' || acting === 'withdraw') && (
            <Form.Item name="reason" label={t('recommendations.reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          )}
          {acting === 'note_litigation' && (
            <>
              <Form.Item name="filedOn" label={t('recommendations.filedOn')} rules={[{ required: true }]}>
                <DatePicker inputReadOnly />
              </Form.Item>
              <Form.Item name="court" label={t('recommendations.court')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          {(acting === 'accept' || acting === 'note_litigation') && (
            <Form.Item name="note" label={t('recommendations.note')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
