import { CopyOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Form, Pagination, Spin, Table, type TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { queryString } from '../../app/api/client';
import { useAuth } from '../../app/auth/AuthProvider';
import { formatDate } from '../../app/format';
import { QueryForm } from '../../app/list/QueryForm';
import { TableFrame } from '../../app/list/TableFrame';
import { useListParams } from '../../app/list/useListParams';
import { useNotice } from '../../app/notice/useNotice';
import { usePhoneLayout } from '../../app/preferences/usePhoneLayout';
import { DivisionName } from '../divisions/DivisionName';
import { download } from './api/importApi';
import { ChildDrawer } from './ChildDrawer';
import { childPageSize, useChildren, type ChildSummary } from './childrenApi';
import { CategoryTags, RiskTag, sexText, StatusTag } from './labels';
import { ChildCards } from './list/ChildCards';
import { ChildFilters, ChildSearchField } from './list/ChildFilters';
import './registry.css';

const filterKeys = ['q', 'within', 'category', 'riskGrade', 'status', 'age'] as const;
type Filters = Partial<Record<(typeof filterKeys)[number], string>>;
const searchDelayMs = 400;

/** The address of this list with a child's quick view open over it. */
function useOpenLink() {
  const [params] = useSearchParams();
  return (id: string) => {
    const next = new URLSearchParams(params);
    next.set('open', id);
    return { search: `?${next.toString()}` };
  };
}

/** 儿童档案: the children in the reader's scope, identifiers masked; search as you type. */
export default function ChildListPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const phone = usePhoneLayout();
  const [form] = Form.useForm<Filters>();
  const list = useListParams(filterKeys);
  const children = useChildren({ ...list.filters, page: list.page });
  const openLink = useOpenLink();
  const navigate = useNavigate();
  const notice = useNotice();
  const [exporting, setExporting] = useState(false);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(typing.current), []);

  const search = (values: Filters) => list.search({ ...values, q: values.q?.trim() });
  // Typing in the search box searches by itself after a pause; the other filters wait for 搜索.
  const typed = Form.useWatch('q', form);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only what the reader types starts a search; the other filters wait for 搜索
  useEffect(() => {
    if (typed === undefined || (typed.trim() || undefined) === list.filters.q) return;
    clearTimeout(typing.current);
    typing.current = setTimeout(() => search({ ...list.filters, q: typed }), searchDelayMs);
    // Only a change of what was typed starts the pause.
  }, [typed]); // eslint-disable-line react-hooks/exhaustive-deps

  async function exportList() {
    setExporting(true);
    try {
      const { age, ...rest } = list.filters;
      const match = age ? /^(\d+)-(\d+)$/.exec(age) : null;
      await download(
        `/api/children/export.xlsx${queryString({ ...rest, ageMin: match?.[1], ageMax: match?.[2] })}`,
        'children.xlsx',
      );
    } catch (error) {
      void notice.error(describeApiError(error, t));
    } finally {
      setExporting(false);
    }
  }

  const columns: TableColumnsType<ChildSummary> = [
    { key: 'name', title: t('registry.name'), render: (_, child) => <Link to={openLink(child.id)}>{child.name}</Link> },
    { key: 'sex', title: t('registry.sexLabel'), render: (_, child) => sexText(t, child.sex) },
    {
      key: 'birth',
      title: t('registry.birthDate'),
      render: (_, child) => <span className="haven-nowrap">{formatDate(child.birthDate, t)}</span>,
    },
    {
      key: 'id',
      title: t('registry.idNumberMasked'),
      render: (_, child) => <span className="haven-code">{child.idNumber ?? '—'}</span>,
    },
    {
      key: 'residence',
      title: t('registry.residence'),
      render: (_, child) =>
        child.residenceName ?? (child.residenceCode ? <DivisionName code={child.residenceCode} /> : '—'),
    },
    {
      key: 'categories',
      title: t('registry.categoryLabel'),
      render: (_, child) => <CategoryTags codes={child.categories} />,
    },
    { key: 'risk', title: t('registry.riskLabel'), render: (_, child) => <RiskTag grade={child.riskGrade} /> },
    { key: 'status', title: t('registry.statusLabel'), render: (_, child) => <StatusTag status={child.status} /> },
    {
      key: 'actions',
      title: t('list.actions'),
      render: (_, child) => (
        <Link to={`/registry/${child.id}`} aria-label={t('registry.openFileOf', { name: child.name })}>
          {t('registry.openFile')}
        </Link>
      ),
    },
  ];

  const data = children.data;
  return (
    <>
      <QueryForm
        form={form}
        label={t('list.queryLabel')}
        initial={list.filters}
        onSearch={search}
        onReset={() => list.search({})}
      >
        <ChildSearchField />
        <ChildFilters />
      </QueryForm>
      <section className="haven-list" aria-label={t('list.resultsLabel')}>
        <div className="haven-toolbar">
          <p className="haven-list-count" role="status">
            {data ? t('list.total', { count: data.total }) : ''}
          </p>
          <div className="haven-section-actions">
            {can('children.write') && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/registry/new')}>
                {t('list.create')}
              </Button>
            )}
            {can('children.import') && (
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => void navigate('/registry/import')}>
                {t('registry.import.action')}
              </Button>
            )}
            {can('children.export') && (
              <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={() => void exportList()}>
                {t('registry.export')}
              </Button>
            )}
            {can('children.write') && (
              <Button icon={<CopyOutlined aria-hidden />} onClick={() => void navigate('/registry/duplicates')}>
                {t('registry.duplicates.action')}
              </Button>
            )}
          </div>
        </div>
        {children.isError && (
          <Alert
            type="error"
            showIcon
            message={t('list.loadFailed')}
            description={describeApiError(children.error, t)}
          />
        )}
        {phone ? (
          <Spin spinning={children.isFetching}>
            {data && data.items.length === 0 ? (
              <Empty description={t('registry.noMatch')} />
            ) : (
              <ChildCards items={data?.items ?? []} />
            )}
            {data && data.total > childPageSize && (
              <Pagination
                className="haven-pagination"
                current={list.page}
                pageSize={childPageSize}
                total={data.total}
                onChange={list.setPage}
                showSizeChanger={false}
                simple
              />
            )}
          </Spin>
        ) : (
          <TableFrame label={t('list.tableLabel')}>
            <Table<ChildSummary>
              rowKey="id"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={children.isFetching}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('registry.noMatch')} /> }}
              pagination={{
                current: list.page,
                pageSize: childPageSize,
                total: data?.total ?? 0,
                onChange: list.setPage,
                showSizeChanger: false,
                hideOnSinglePage: true,
              }}
            />
          </TableFrame>
        )}
      </section>
      <ChildDrawer id={list.extra('open')} onClose={() => list.setExtra('open', undefined)} />
    </>
  );
}
