import { Button, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { OrganisationSelect } from '../organisations/OrganisationSelect';
import { issueRecommendation } from './recommendationsApi';

interface Values {
  toOrganisationId: string;
  reference?: string;
  facts: string;
  recommends: string;
}

/** A prosecutor issues a recommendation (检察建议) to a unit; the written reply is due within a month. */
export default function IssueRecommendationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const notice = useNotice();

  async function submit(values: Values) {
    setBusy(true);
    try {
      const issued = await issueRecommendation(
        {
          toOrganisationId: values.toOrganisationId,
          reference: values.reference?.trim() || undefined,
          facts: values.facts,
          recommends: values.recommends,
        },
        key,
      );
      void queryClient.invalidateQueries({ queryKey: ['recommendations'] });
      await navigate(`/recommendations/${issued.id}`);
    } catch (error) {
      void notice.error(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="haven-stack" style={{ maxWidth: 720 }}>
      <p className="haven-secondary">{t('recommendations.issueHint')}</p>
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark="optional">
        <Form.Item name="toOrganisationId" label={t('recommendations.to')} rules={[{ required: true }]}>
          <OrganisationSelect />
        </Form.Item>
        <Form.Item name="reference" label={t('recommendations.reference')}>
          <Input maxLength={100} placeholder="荆检建〔2026〕1号" />
        </Form.Item>
        <Form.Item name="facts" label={t('recommendations.facts')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={5} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="recommends"
          label={t('recommendations.recommends')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={5} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} size="large">
          {t('recommendations.send')}
        </Button>
      </Form>
    </div>
  );
}
