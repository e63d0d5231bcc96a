import { formatDate } from '../../app/format';
import { DayField } from '../../app/forms/DayField';
import { WarningFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useNotice } from '../../app/notice/useNotice';
import { addVolunteer, checkStates, renewCheck, say, useVolunteers } from './charityApi';

import { today } from './today';

export function Volunteers() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const volunteers = useVolunteers(true);
  const [form] = Form.useForm();
  const notice = useNotice();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [renewOn, setRenewOn] = useState<Record<string, string>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['volunteers'] });
  return (
    <div className="haven-stack">
      <Card size="small" title={t('charity.newVolunteer')}>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (values: { name: string; skills?: string; checkPassedOn?: string }) => {
            try {
              await addVolunteer(
                {
                  name: values.name,
                  skills: (values.skills ?? '')
                    .split(/[,，、]/)
                    .map((s) => s.trim())
                    .filter(Boolean),
                  checkPassedOn: values.checkPassedOn || undefined,
                },
                key,
              );
              setKey(crypto.randomUUID());
              form.resetFields();
              await refresh();
            } catch (e) {
              notice.error(describeApiError(e, t));
            }
          }}
        >
          <Form.Item name="name" label={t('charity.volunteerName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="skills" label={t('charity.skills')}>
            <Input />
          </Form.Item>
          <Form.Item name="checkPassedOn" label={t('charity.checkPassedOn')}>
            <DayField />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('charity.record')}
          </Button>
        </Form>
      </Card>
      <List
        loading={volunteers.isLoading}
        dataSource={volunteers.data?.items ?? []}
        renderItem={(v) => (
          <List.Item data-volunteer={v.name}>
            <Space direction="vertical">
              <span>
                <strong>{v.name}</strong> {v.skills.join('、')} · {t('charity.hours', { count: v.hours })}
              </span>
              <span>
                <Tag color={v.check === 'valid' ? 'success' : v.check === 'expiring' ? 'warning' : 'red'}>
                  {v.check === 'expired' && <WarningFilled aria-hidden />} {say(checkStates[v.check], lang)}
                </Tag>
                {v.checkExpiresOn && t('charity.expiresOn', { date: formatDate(v.checkExpiresOn, t) })}
              </span>
              <Space wrap>
                <div className="haven-charity-day">
                  <DayField
                    notAfterToday
                    aria-label={t('charity.renewOn')}
                    value={renewOn[v.id] ?? today()}
                    onChange={(day) => setRenewOn({ ...renewOn, [v.id]: day ?? today() })}
                  />
                </div>
                <Button
                  onClick={async () => {
                    try {
                      await renewCheck(v.id, v.version, renewOn[v.id] ?? today());
                      await refresh();
                      notice.success(t('charity.renewed'));
                    } catch (e) {
                      notice.error(describeApiError(e, t));
                    }
                  }}
                >
                  {t('charity.renew')}
                </Button>
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
