import { RightOutlined } from '@ant-design/icons';
import { Alert, Empty, Form, Input, Pagination, Spin, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { formatDate } from '../../app/format';
import { QueryForm } from '../../app/list/QueryForm';
import { useListParams } from '../../app/list/useListParams';
import { usePhoneLayout } from '../../app/preferences/usePhoneLayout';
import { DivisionName } from '../divisions/DivisionPicker';
import { ChildDrawer } from './ChildDrawer';
import { childPageSize, useChildren, type ChildSummary } from './childrenApi';

const filterKeys = ['q'] as const;

/** The address of this list with a child's file open over it. */
function useOpenLink() {
  const [params] = useSearchParams();
  return (id: string) => {
    const next = new URLSearchParams(params);
    next.set('open', id);
    return { search: `?${next.toString()}` };
  };
}

function ChildCards({ children }: { children: ChildSummary[] }) {
  const { t } = useTranslation();
  const openLink = useOpenLink();
  return (
    <ul className="haven-card-list">
      {children.map((child) => (
        <li key={child.id}>
          <Link to={openLink(child.id)} className="haven-card-link">
            <span className="haven-card-main">
              <span className="haven-card-title">{child.name}</span>
              <span className="haven-card-line">
                {child.sex ? t(`registry.sex.${child.sex}`) : t('registry.sex.unknown')} · {formatDate(child.birthDate, t)}
              </span>
              <span className="haven-card-line haven-code">{child.idNumber ?? '—'}</span>
            </span>
            <RightOutlined aria-hidden />
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** 儿童档案: the children in the reader's scope, identifiers masked; a file opens in a drawer. */
export default function ChildListPage() {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const [form] = Form.useForm<{ q?: string }>();
  const list = useListParams(filterKeys);
  const children = useChildren({ q: list.filters.q, page: list.page });
  const openLink = useOpenLink();

  const columns: TableColumnsType<ChildSummary> = [
    { key: 'name', title: t('registry.name'), render: (_, child) => <Link to={openLink(child.id)}>{child.name}</Link> },
    { key: 'sex', title: t('registry.sexLabel'), render: (_, child) => (child.sex ? t(`registry.sex.${child.sex}`) : t('registry.sex.unknown')) },
    { key: 'birth', title: t('registry.birthDate'), render: (_, child) => formatDate(child.birthDate, t) },
    { key: 'id', title: t('registry.idNumberMasked'), render: (_, child) => <span className="haven-code">{child.idNumber ?? '—'}</span> },
    { key: 'residence', title: t('registry.residence'), render: (_, child) => <DivisionName code={child.residenceCode} /> },
    { key: 'actions', title: t('list.actions'), render: (_, child) => <Link to={openLink(child.id)} aria-label={t('registry.openFileOf', { name: child.name })}>{t('registry.openFile')}</Link> },
  ];

  const data = children.data;
  return (
    <>
      <QueryForm
        form={form}
        label={t('list.queryLabel')}
        initial={list.filters}
        onSearch={(values) => list.search({ q: values.q?.trim() })}
        onReset={() => list.search({})}
      >
        <Form.Item name="q" label={t('registry.name')}>
          <Input allowClear placeholder={t('registry.namePlaceholder')} maxLength={40} />
        </Form.Item>
      </QueryForm>
      <section className="haven-list" aria-label={t('list.resultsLabel')}>
        {children.isError && <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(children.error, t)} />}
        <p className="haven-list-count" role="status">
          {data ? t('list.total', { count: data.total }) : ''}
        </p>
        {phone ? (
          <Spin spinning={children.isFetching}>
            {data && data.items.length === 0 ? <Empty /> : <ChildCards>{data?.items ?? []}</ChildCards>}
            {data && data.total > childPageSize && (
              <Pagination className="haven-pagination" current={list.page} pageSize={childPageSize} total={data.total} onChange={list.setPage} showSizeChanger={false} simple />
            )}
          </Spin>
        ) : (
          <Table<ChildSummary>
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={children.isFetching}
            pagination={{ current: list.page, pageSize: childPageSize, total: data?.total ?? 0, onChange: list.setPage, showSizeChanger: false, hideOnSinglePage: true }}
          />
        )}
      </section>
      <ChildDrawer id={list.extra('open')} onClose={() => list.setExtra('open', undefined)} />
    </>
  );
}
