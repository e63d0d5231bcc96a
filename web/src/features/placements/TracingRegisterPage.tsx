import type { TracingSummary } from '@contract/placements/tracing.js';
import { Alert, Button, Card, List, Segmented, Space, Spin, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDate } from '../../app/format';
import { usePhoneLayout } from '../../app/preferences/usePhoneLayout';
import { OpenTracingModal } from './OpenTracingModal';
import { useTracingList } from './tracingApi';
import './placements.css';

/**
 * 寻亲登记: the rescue station's requests for children of unknown identity, longest open first;
 * open too long is marked. A table on a desktop, cards on a phone.
 */
export default function TracingRegisterPage() {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const [status, setStatus] = useState<'active' | 'closed' | 'all'>('active');
  const list = useTracingList(status);
  const [opening, setOpening] = useState(false);
  const statusTag = (r: TracingSummary) => (
    <Tag color={r.overdue ? 'red' : r.status === 'closed' ? 'default' : 'blue'}>
      {t(`placements.tracing.status.${r.status}`)}
      {r.overdue ? ` · ${t('placements.tracing.overdue')}` : ''}
    </Tag>
  );
  const link = (r: TracingSummary) => <Link to={`/placements/tracing/${r.id}`}>{r.childName}</Link>;
  const columns: TableColumnsType<TracingSummary> = [
    { key: 'child', title: t('placements.tracing.child'), render: (_, r) => link(r) },
    { key: 'code', title: t('placements.tracing.provisionalCode'), dataIndex: 'provisionalCode' },
    { key: 'status', title: t('placements.tracing.statusLabel'), render: (_, r) => statusTag(r) },
    { key: 'found', title: t('placements.tracing.foundPlace'), dataIndex: 'foundPlace' },
    { key: 'opened', title: t('placements.tracing.openedAt'), render: (_, r) => formatDate(r.openedAt, t) },
    { key: 'days', title: t('placements.tracing.daysOpen'), dataIndex: 'daysOpen', align: 'right' },
    { key: 'leads', title: t('placements.tracing.leads'), dataIndex: 'leads', align: 'right' },
  ];
  return (
    <Card>
      <Space wrap>
        <Segmented
          value={status}
          onChange={(value) => setStatus(value as typeof status)}
          options={(['active', 'closed', 'all'] as const).map((value) => ({
            value,
            label: t(`placements.tracing.filter.${value}`),
          }))}
        />
        <Button type="primary" onClick={() => setOpening(true)}>
          {t('placements.tracing.openTitle')}
        </Button>
      </Space>
      {opening && <OpenTracingModal onClose={() => setOpening(false)} />}
      {list.isPending && <Spin />}
      {list.isError && <Alert type="error" showIcon message={describeApiError(list.error, t)} />}
      {list.data &&
        (phone ? (
          <List
            dataSource={list.data.requests}
            locale={{ emptyText: t('placements.tracing.empty') }}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <>
                      {link(r)} {statusTag(r)}
                    </>
                  }
                  description={`${r.provisionalCode} · ${r.foundPlace} · ${t('placements.tracing.daysOpenText', { days: r.daysOpen })}`}
                />
              </List.Item>
            )}
          />
        ) : (
          <Table
            rowKey="id"
            columns={columns}
            dataSource={list.data.requests}
            pagination={false}
            locale={{ emptyText: t('placements.tracing.empty') }}
          />
        ))}
    </Card>
  );
}
