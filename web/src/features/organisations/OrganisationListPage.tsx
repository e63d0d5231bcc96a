import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { QueryForm } from '../../app/list/QueryForm';
import { TableFrame } from '../../app/list/TableFrame';
import { useListParams } from '../../app/list/useListParams';
import { useNotice } from '../../app/notice/useNotice';
import { DivisionPicker } from '../divisions/DivisionPicker';
import { CreateOrganisationModal } from './CreateOrganisationModal';
import { kindLabel, kindOptions } from './kindLabel';
import { useOrganisations, type Organisation } from './organisationsApi';

const filterKeys = ['kind', 'q', 'within'] as const;
const pageSize = 20;

/** 组织机构: the directory of organisations in the reader's area, filtered by kind, name and place. */
export default function OrganisationListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [form] = Form.useForm<{ kind?: string; q?: string; within?: string }>();
  const list = useListParams(filterKeys);
  const organisations = useOrganisations({ ...list.filters, page: list.page, pageSize });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Organisation | null>(null);
  const notice = useNotice();

  // The new row stands out for a moment, then looks like the others.
  useEffect(() => {
    if (!created) return;
    const timer = setTimeout(() => setCreated(null), 4000);
    return () => clearTimeout(timer);
  }, [created]);

  const columns: TableColumnsType<Organisation> = [
    {
      key: 'name',
      title: t('organisations.name'),
      render: (_, organisation) => (
        <span>
          {organisation.name}
          {organisation.shortName && <span className="haven-secondary"> ({organisation.shortName})</span>}
        </span>
      ),
    },
    { key: 'kind', title: t('organisations.kind'), render: (_, organisation) => kindLabel(organisation.kind, t) },
    {
      key: 'division',
      title: t('organisations.division'),
      render: (_, organisation) => organisation.divisionName ?? organisation.divisionCode,
    },
    {
      key: 'beds',
      title: t('organisations.beds'),
      align: 'right',
      render: (_, organisation) => organisation.bedCapacity ?? '—',
    },
    {
      key: 'status',
      title: t('organisations.status'),
      render: (_, organisation) =>
        organisation.active ? (
          <Tag color="success">{t('organisations.active')}</Tag>
        ) : (
          <Tag>{t('organisations.inactive')}</Tag>
        ),
    },
  ];

  const rows = organisations.data?.items ?? [];
  const shown = created && !rows.some((row) => row.id === created.id) ? [created, ...rows] : rows;

  return (
    <>
      <QueryForm
        form={form}
        label={t('list.queryLabel')}
        initial={list.filters}
        onSearch={(values) => list.search({ kind: values.kind, q: values.q?.trim(), within: values.within })}
        onReset={() => list.search({})}
      >
        <Form.Item name="q" label={t('organisations.name')}>
          <Input allowClear maxLength={60} />
        </Form.Item>
        <Form.Item name="kind" label={t('organisations.kind')}>
          <Select allowClear showSearch optionFilterProp="label" options={kindOptions(t)} placeholder={t('list.any')} />
        </Form.Item>
        <Form.Item name="within" label={t('organisations.within')} className="haven-query-wide">
          <DivisionPicker />
        </Form.Item>
      </QueryForm>
      <section className="haven-list" aria-label={t('list.resultsLabel')}>
        <div className="haven-toolbar">
          <p className="haven-list-count" role="status">
            {organisations.data ? t('list.total', { count: organisations.data.total }) : ''}
          </p>
          {can('organisations.manage') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('list.create')}
            </Button>
          )}
        </div>
        {organisations.isError && (
          <Alert
            type="error"
            showIcon
            message={t('list.loadFailed')}
            description={describeApiError(organisations.error, t)}
          />
        )}
        <TableFrame label={t('list.tableLabel')}>
          <Table<Organisation>
            rowKey="id"
            columns={columns}
            dataSource={shown}
            loading={organisations.isFetching}
            scroll={{ x: 'max-content' }}
            rowClassName={(row) => (row.id === created?.id ? 'haven-row-new' : '')}
            pagination={{
              current: list.page,
              pageSize,
              total: organisations.data?.total ?? 0,
              onChange: list.setPage,
              showSizeChanger: false,
              hideOnSinglePage: true,
            }}
          />
        </TableFrame>
      </section>
      {can('organisations.manage') && (
        <CreateOrganisationModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(organisation) => {
            setCreating(false);
            setCreated(organisation);
            void notice.success(t('organisations.created', { name: organisation.name }));
            void organisations.refetch();
          }}
        />
      )}
    </>
  );
}
