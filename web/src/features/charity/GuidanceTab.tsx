import { WarningFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import {
  type GuidanceOrderView,
  guidanceSessionStates,
  recordGuidanceSession,
  say,
  useGuidanceOrders,
} from './charityApi';

import { IssueOrderForm, Opened } from './CharityForms';
import { today } from './today';

function OrderCard({ order }: { order: GuidanceOrderView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const record = async (number: number, attended: boolean) => {
    try {
      await recordGuidanceSession(order.id, number, { heldOn: today(), attended });
      await queryClient.invalidateQueries({ queryKey: ['guidance-orders'] });
    } catch (e) {
      setError(describeApiError(e, t));
    }
  };
  const { compliance } = order;
  return (
    <Card size="small" style={{ width: '100%' }} title={`${order.childName} · ${order.guardian}`} data-order={order.id}>
      <p className="haven-muted">
        {order.issuedBy} · {order.issuedOn} {order.provider && `· ${order.provider}`}
      </p>
      <p>{t('charity.compliance', compliance)}</p>
      {error && <Alert type="error" role="alert" showIcon message={error} />}
      <List
        size="small"
        dataSource={order.sessions}
        renderItem={(s) => (
          <List.Item>
            <Space wrap>
              <span>{t('charity.sessionLine', { number: s.number, dueOn: s.dueOn })}</span>
              <Tag color={s.state === 'attended' ? 'success' : s.state === 'due' ? 'blue' : 'red'}>
                {s.state === 'overdue' && <WarningFilled aria-hidden />}{' '}
                {say(guidanceSessionStates[s.state], i18n.language)}
              </Tag>
              {s.heldOn === null && (
                <>
                  <Button size="small" onClick={() => record(s.number, true)}>
                    {t('charity.attended')}
                  </Button>
                  <Button size="small" onClick={() => record(s.number, false)}>
                    {t('charity.absent')}
                  </Button>
                </>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function Guidance({ issue }: { issue: boolean }) {
  const { t } = useTranslation();
  const orders = useGuidanceOrders(true);
  return (
    <div className="haven-stack">
      {issue && <Opened label={t('charity.forms.openOrder')}>{() => <IssueOrderForm />}</Opened>}
      <List
        loading={orders.isLoading}
        dataSource={orders.data?.items ?? []}
        locale={{ emptyText: t('charity.noOrders') }}
        renderItem={(order) => (
          <List.Item>
            <OrderCard order={order} />
          </List.Item>
        )}
      />
    </div>
  );
}

/** Charity and volunteers, and family support: needs matched and handed over, donations, volunteers, guidance orders. */
