import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, List, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { fenOf, yuan } from '../projects/projectsApi';
import { donationForms, donorKinds, recordDonation, say, useDonations } from './charityApi';

import { today } from './today';

export function Donations() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const donations = useDonations(true);
  const [form] = Form.useForm();
  const notice = useNotice();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const kind = Form.useWatch('form', form) as string | undefined;
  const submit = async (values: Record<string, string>) => {
    try {
      const amountFen = values.amount ? fenOf(values.amount) : null;
      await recordDonation(
        {
          donorKind: values.donorKind as 'company',
          donorName: values.donorName || undefined,
          form: values.form as 'cash',
          amountFen: amountFen ?? undefined,
          goods: values.goods || undefined,
          receivedOn: today(),
        },
        key,
      );
      setKey(crypto.randomUUID());
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['donations'] });
      notice.success(t('charity.donationRecorded'));
    } catch (e) {
      notice.error(describeApiError(e, t));
    }
  };
  return (
    <div className="haven-stack">
      <Card size="small" title={t('charity.newDonation')}>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ donorKind: 'company', form: 'in_kind' }}>
          <Form.Item name="donorKind" label={t('charity.donorKind')}>
            <Select options={Object.entries(donorKinds).map(([value, l]) => ({ value, label: say(l, lang) }))} />
          </Form.Item>
          <Form.Item name="donorName" label={t('charity.donorName')}>
            <Input />
          </Form.Item>
          <Form.Item name="form" label={t('charity.form')}>
            <Select options={Object.entries(donationForms).map(([value, l]) => ({ value, label: say(l, lang) }))} />
          </Form.Item>
          {kind === 'cash' ? (
            <Form.Item name="amount" label={t('charity.amountYuan')} rules={[{ required: true }]}>
              <Input inputMode="decimal" />
            </Form.Item>
          ) : (
            <Form.Item name="goods" label={t('charity.goods')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit">
            {t('charity.record')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('charity.yearly')}>
        {(donations.data?.yearly ?? []).map((y) => (
          <p key={y.year}>
            {t('charity.yearLine', {
              year: y.year,
              cash: yuan(y.cashFen, lang),
              goods: y.inKind,
              handed: y.handedOver,
            })}
          </p>
        ))}
      </Card>
      <List
        loading={donations.isLoading}
        dataSource={donations.data?.items ?? []}
        renderItem={(d) => (
          <List.Item>
            {d.receivedOn} · {say(donorKinds[d.donorKind], lang)} {d.donorName ?? ''} ·{' '}
            {d.amountFen !== null ? yuan(d.amountFen, lang) : d.goods}{' '}
            {d.handedOver ? (
              <Tag color="success">{t('charity.handedOver')}</Tag>
            ) : (
              d.needId && <Tag>{t('charity.matched')}</Tag>
            )}
          </List.Item>
        )}
      />
    </div>
  );
}
