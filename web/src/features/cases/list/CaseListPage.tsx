import { Alert, Button, Form, Input, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useColumnSettings } from '../../../app/list/useColumnSettings';
import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../../app/api/describeApiError';
import { FormSelect } from '../../../app/forms/FormSelect';
import { QueryForm } from '../../../app/list/QueryForm';
import { ListOrCards, RowCard } from '../../../app/list/ListOrCards';
import { useListParams } from '../../../app/list/useListParams';
import { codeOptions } from '../actions/fieldKit';
import { casePageSize, type CaseRow, useCases } from '../api/casesApi';
import { caseStatuses, riskGrades } from '@contract/cases/vocabulary.js';
import { CaseStatusTag, ClockStateText, RiskGradeTag, formatMinute } from '../labels';
import '../cases.css';

const filterKeys = ['q', 'status', 'riskGrade', 'overdue'] as const;

/** 个案: cases in my area or that my organisation takes part in, overdue ones easy to pick out. */
export default function CaseListPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Partial<Record<(typeof filterKeys)[number], string>>>();
  const list = useListParams(filterKeys);
  const cases = useCases({ ...list.filters, page: list.page });
  const navigate = useNavigate();
  const clocksText = (row: CaseRow) =>
    row.overdueClocks > 0 ? (
      <>
        <ClockStateText state="running" overdue /> ×{row.overdueClocks}
      </>
    ) : (
      <span className="haven-secondary">{t('cases.list.onTime')}</span>
    );

  const columns: TableColumnsType<CaseRow> = [
    {
      key: 'caseNo',
      title: t('cases.list.caseNo'),
      render: (_, row) => <Link to={`/cases/${row.id}`}>{row.caseNo}</Link>,
    },
    { key: 'child', title: t('cases.list.child'), render: (_, row) => row.childName },
    { key: 'status', title: t('cases.list.status'), render: (_, row) => <CaseStatusTag status={row.status} /> },
    { key: 'risk', title: t('cases.list.risk'), render: (_, row) => <RiskGradeTag grade={row.riskGrade} /> },
    { key: 'lead', title: t('cases.list.lead'), render: (_, row) => row.leadName },
    {
      key: 'overdue',
      title: t('cases.list.clocks'),
      render: (_, row) => clocksText(row),
    },
    { key: 'lastActionAt', title: t('cases.list.lastActionAt'), render: (_, row) => formatMinute(row.lastActionAt, t) },
  ];
  const columnSettings = useColumnSettings('cases', columns);

  return (
    <>
      <QueryForm
        form={form}
        label={t('list.queryLabel')}
        initial={list.filters}
        onSearch={(values) => list.search({ ...values, q: values.q?.trim() })}
        onReset={() => list.search({})}
      >
        <Form.Item name="q" label={t('cases.list.search')}>
          <Input allowClear maxLength={40} />
        </Form.Item>
        <Form.Item name="status" label={t('cases.list.status')}>
          <FormSelect allowClear options={codeOptions(t, 'cases.status', caseStatuses)} placeholder={t('list.any')} />
        </Form.Item>
        <Form.Item name="riskGrade" label={t('cases.list.risk')}>
          <FormSelect allowClear options={codeOptions(t, 'cases.risk', riskGrades)} placeholder={t('list.any')} />
        </Form.Item>
        <Form.Item name="overdue" label={t('cases.list.overdue')}>
          <FormSelect
            allowClear
            options={[{ value: 'true', label: t('cases.list.overdueOnly') }]}
            placeholder={t('list.any')}
          />
        </Form.Item>
      </QueryForm>
      <section className="haven-list" aria-label={t('list.resultsLabel')}>
        <div className="haven-toolbar">
          <p className="haven-list-count" role="status">
            {cases.data ? t('list.total', { count: cases.data.total }) : ''}
          </p>
          {columnSettings.control}
        </div>
        {cases.isError && (
          <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(cases.error, t)} />
        )}
        <ListOrCards<CaseRow>
          label={t('list.tableLabel')}
          rowKey="id"
          card={(row) => (
            <RowCard
              title={
                <>
                  <span>{row.childName}</span>
                  <CaseStatusTag status={row.status} />
                  <RiskGradeTag grade={row.riskGrade} />
                </>
              }
              lines={[
                [t('cases.list.caseNo'), row.caseNo],
                [t('cases.list.clocks'), clocksText(row)],
                [t('cases.list.lead'), row.leadName],
                [t('cases.list.lastActionAt'), formatMinute(row.lastActionAt, t)],
              ]}
              action={
                <Button type="primary" className="haven-rowcard-action" onClick={() => navigate(`/cases/${row.id}`)}>
                  {t('list.open')} {row.caseNo}
                </Button>
              }
            />
          )}
          columns={columns}
          dataSource={cases.data?.items ?? []}
          loading={cases.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('cases.list.empty') }}
          pagination={{
            current: list.page,
            pageSize: casePageSize,
            total: cases.data?.total ?? 0,
            onChange: list.setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
          }}
        />
      </section>
    </>
  );
}
