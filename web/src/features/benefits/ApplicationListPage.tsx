import { PlusOutlined } from '@ant-design/icons';
import { applicationStatuses } from '@contract/benefits/vocabulary.js';
import { Button, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth/AuthProvider';
import { useApplications } from './benefitsApi';
import { NewApplication } from './NewApplication';
import { TypeName } from './TypeName';

type Row = NonNullable<ReturnType<typeof useApplications>['data']>['items'][number];

/** 保障金申请: the applications of children in my area, nearest deadline first. */
export default function ApplicationListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const list = useApplications({ status }, page);
  const columns: TableColumnsType<Row> = [
    {
      title: t('benefits.applicationNo'),
      dataIndex: 'applicationNo',
      render: (no: string, row) => <Link to={`/benefits/${row.id}`}>{no}</Link>,
    },
    { title: t('benefits.child'), dataIndex: 'childName' },
    { title: t('benefits.benefitType'), dataIndex: 'benefitType', render: (code: string) => <TypeName code={code} /> },
    { title: t('benefits.receivedOn'), dataIndex: 'receivedOn' },
    {
      title: t('benefits.statusLabel'),
      dataIndex: 'status',
      render: (s: Row['status']) => <Tag>{t(`benefits.status.${s}`)}</Tag>,
    },
    {
      title: t('benefits.dueOn'),
      dataIndex: 'dueOn',
      render: (due: string | null, row) =>
        due ? (
          <span>
            {due} {row.provisional && <Tag color="gold">{t('benefits.provisional')}</Tag>}
            {row.overdue && <Tag color="red">{t('benefits.overdue')}</Tag>}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div className="haven-stack">
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Select
          allowClear
          aria-label={t('benefits.statusLabel')}
          placeholder={t('benefits.statusLabel')}
          style={{ minWidth: 180 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={applicationStatuses.map((s) => ({ value: s, label: t(`benefits.status.${s}`) }))}
        />
        {can('benefits.apply') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('benefits.newApplication')}
          </Button>
        )}
        {can('calendar.manage') && <Link to="/benefits/calendar">{t('benefits.calendar.title')}</Link>}
      </div>
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        scroll={{ x: 720 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
      />
      <NewApplication open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
