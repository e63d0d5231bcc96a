import {
  type BenefitReview,
  benefitReviewListSchema,
  benefitReviewSchema,
  type ReviewDecision,
} from '@contract/benefits/reviews.js';
import type { Department } from '@contract/department-rolls/vocabulary.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestParsed } from '../../app/api/client';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { formatDateTime } from '../../app/format';
import { useNotice } from '../../app/notice/useNotice';
import { reviewCauseFact } from './reviewCause';

interface Values {
  decision: ReviewDecision['decision'];
  note: string;
  endedOn?: Dayjs;
}

/** What removed the basis, in the reader's words: the fact and the department's roll and row. */
export function useCauseText() {
  const { t } = useTranslation();
  return (review: BenefitReview): string => {
    const { cause } = review;
    const fact = reviewCauseFact(cause, t);
    const source = cause.department
      ? t('benefits.review.source', {
          department: t(`rolls.departments.${cause.department as Department}`),
          fileName: cause.fileName,
          row: cause.row,
          asOf: cause.asOf,
        })
      : '';
    return [fact, source].filter(Boolean).join(' · ');
  };
}

/**
 * 待遇复核 on the application page: a confirmed fact removed the benefit's basis; the county ends
 * the benefit from a day (paid through that month) or keeps it, with its reasons.
 */
export function Reviews({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const notice = useNotice();
  const { can } = useAuth();
  const client = useQueryClient();
  const causeText = useCauseText();
  const [deciding, setDeciding] = useState<BenefitReview | null>(null);
  const [form] = Form.useForm<Values>();
  const reviews = useQuery({
    queryKey: ['benefits', 'reviews', applicationId],
    queryFn: ({ signal }) =>
      requestParsed(benefitReviewListSchema, `/api/benefits/applications/${applicationId}/reviews`, { signal }),
  });
  const decide = useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReviewDecision }) =>
      requestParsed(benefitReviewSchema, `/api/benefits/reviews/${id}/decision`, { method: 'POST', body }),
    onSettled: () => client.invalidateQueries({ queryKey: ['benefits'] }),
  });
  const decision = Form.useWatch('decision', form);
  if (!reviews.data || reviews.data.length === 0) return null;
  const submit = async (values: Values) => {
    if (!deciding) return;
    try {
      await decide.mutateAsync({
        id: deciding.id,
        body: {
          decision: values.decision,
          note: values.note.trim(),
          version: deciding.version,
          ...(values.decision === 'end' && values.endedOn ? { endedOn: values.endedOn.format('YYYY-MM-DD') } : {}),
        },
      });
      notice.success(t(`benefits.review.saved.${values.decision}`));
      setDeciding(null);
      form.resetFields();
    } catch (error) {
      notice.error(describeApiError(error, t));
    }
  };
  return (
    <section aria-label={t('benefits.review.title')}>
      <h2>{t('benefits.review.title')}</h2>
      {reviews.data.map((review) => (
        <Alert
          key={review.id}
          className="haven-form-alert"
          type={review.status === 'open' ? 'warning' : 'info'}
          showIcon
          message={
            review.status === 'open'
              ? t('benefits.review.open', {
                  category: t(`registry.category.${review.category}`, { defaultValue: review.category }),
                })
              : t(`benefits.review.decided.${review.status}`, {
                  who: review.decidedBy,
                  at: review.decidedAt ? formatDateTime(review.decidedAt, t) : '',
                  endedOn: review.endedOn,
                })
          }
          description={
            <Space direction="vertical" size={4}>
              <span>{causeText(review)}</span>
              {review.dueAt && (
                <span>
                  {t('benefits.review.due', { at: formatDateTime(review.dueAt, t) })}
                  {review.overdue ? ` · ${t('benefits.review.overdue')}` : ''}
                </span>
              )}
              {review.decisionNote && <span>{review.decisionNote}</span>}
              {review.status === 'open' && can('benefits.decide') && (
                <Button size="small" type="primary" onClick={() => setDeciding(review)}>
                  {t('benefits.review.decide')}
                </Button>
              )}
            </Space>
          }
        />
      ))}
      <Modal
        open={deciding !== null}
        title={t('benefits.review.decide')}
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        confirmLoading={decide.isPending}
        okText={t('benefits.save')}
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision: 'end', endedOn: dayjs() }}>
          <Form.Item name="decision" label={t('benefits.review.decision')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'end', label: t('benefits.review.end') },
                { value: 'keep', label: t('benefits.review.keep') },
              ]}
            />
          </Form.Item>
          {decision !== 'keep' && (
            <Form.Item name="endedOn" label={t('benefits.review.endedOn')} extra={t('benefits.review.endedOnHelp')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={t('benefits.review.note')}
            rules={[{ required: true, whitespace: true, message: t('benefits.review.noteRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
