import { type IndicatorCode, indicatorCodes, problems, type RowIndicator } from '@contract/insight/problems.js';
import { clockRuleLabel, indicatorLabels } from '@contract/insight/labels.js';
import { Alert, Breadcrumb, Button, Col, Row, Select, Space, Table } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../app/api/describeApiError';
import { useMe } from '../../../app/auth/AuthProvider';
import { useListParams } from '../../../app/list/useListParams';
import { usePhoneLayout } from '../../../app/preferences/usePhoneLayout';
import { CountyTileMap } from './CountyTileMap';
import { FlowTables } from './FlowTables';
import {
  downloadMonthlyReport,
  downloadProblemsWorkbook,
  generateMonthlyReport,
  labelOf,
  useMonthlyReports,
  useProblemRows,
  useProblems,
} from './problemsApi';
import { ProblemSection } from './ProblemSection';
import './problems.css';

const filterKeys = ['within', 'indicator'] as const;

/**
 * 五个问题: the seed's five problems and the mechanism's health as numbers that move — a headline,
 * a twelve-month trend and the places one level down (a tile map of the counties at city level),
 * drilled by clicking a place; the rows behind an overdue number for readers of children's files.
 */
export default function ProblemsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const phone = usePhoneLayout();
  const list = useListParams(filterKeys);
  const within = list.filters.within ?? me.user.jurisdictionCode;
  const chosen = (list.filters.indicator ?? 'visits.overdue') as IndicatorCode;
  const indicator = indicatorCodes.includes(chosen) ? chosen : 'visits.overdue';
  const [rowsOf, setRowsOf] = useState<RowIndicator | null>(null);
  const result = useProblems(within);
  const rows = useProblemRows(within, rowsOf);
  const reports = useMonthlyReports();
  const data = result.data;
  const language = i18n.language;
  const open = (code: string) => {
    setRowsOf(null);
    list.search({ within: code, indicator });
  };
  const column = indicatorCodes.indexOf(indicator);
  const queryClient = useQueryClient();
  const [reportMonth, setReportMonth] = useState<string | null>(null);
  const [flowMonth, setFlowMonth] = useState<string | null>(null);
  const generate = useMutation({
    mutationFn: (month: string) => generateMonthlyReport(within, month),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['insight', 'monthly-reports'] }),
  });

  return (
    <div className="haven-problems" style={{ minWidth: 0, maxWidth: '100%' }}>
      {data && (
        <Breadcrumb
          className="haven-problems-path"
          items={data.path.map((place, index) => ({
            key: place.code,
            title:
              index === data.path.length - 1 ? (
                <span aria-current="page">{place.name ?? place.code}</span>
              ) : (
                <Button type="link" className="haven-inline-link" onClick={() => open(place.code)}>
                  {place.name ?? place.code}
                </Button>
              ),
          }))}
        />
      )}
      {result.isError && (
        <Alert type="error" showIcon message={t('list.loadFailed')} description={describeApiError(result.error, t)} />
      )}
      {data?.suppressed && (
        <Alert
          type="info"
          showIcon
          className="haven-insight-note"
          message={t('insight.privacyTitle')}
          description={t('insight.problems.suppressedNote', { threshold: data.threshold })}
        />
      )}
      {data && (
        <Space wrap className="haven-problems-asof-line">
          <p className="haven-problems-asof" role="status" style={{ margin: 0 }}>
            {t('insight.problems.asOf', {
              name: data.within.name ?? data.within.code,
              at: data.asOf ? new Date(data.asOf).toLocaleString(language) : t('insight.problems.never'),
            })}
          </p>
          <Button size="small" onClick={() => void downloadProblemsWorkbook(within)}>
            {t('insight.problems.downloadXlsx')}
          </Button>
        </Space>
      )}
      {data && (
        <Row gutter={phone ? [0, 8] : [16, 16]}>
          {problems.map((problem) => (
            <Col key={problem} xs={24} md={12} xl={8}>
              <ProblemSection
                problem={problem}
                months={data.months}
                indicators={data.indicators}
                suppressed={data.suppressed}
                seesRows={data.seesRows}
                folded={phone}
                onCompare={(code) => list.search({ within, indicator: code })}
                onShowRows={setRowsOf}
              />
            </Col>
          ))}
        </Row>
      )}
      {rowsOf && (
        <section className="haven-list haven-problem-rows" aria-label={t('insight.problems.rowsTitle')}>
          <h2>
            {t('insight.problems.rowsTitle')}：{labelOf(indicatorLabels[rowsOf], language)} ·{' '}
            {data?.within.name ?? within}
          </h2>
          {rows.isError && <Alert type="error" showIcon message={describeApiError(rows.error, t)} />}
          <Table
            rowKey={(row) => `${row.childId}-${row.rule}-${row.dueAt}`}
            loading={rows.isFetching}
            dataSource={rows.data?.rows ?? []}
            pagination={{ pageSize: 20 }}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'child', title: t('insight.problems.child'), render: (_, row) => row.childName },
              { key: 'place', title: t('insight.division'), render: (_, row) => row.divisionName ?? row.divisionCode },
              {
                key: 'rule',
                title: t('insight.problems.deadline'),
                render: (_, row) => labelOf(clockRuleLabel(row.rule), language),
              },
              {
                key: 'late',
                title: t('insight.problems.daysOverdue'),
                align: 'right',
                render: (_, row) => t('insight.problems.days', { count: row.daysOverdue }),
              },
            ]}
          />
        </section>
      )}
      {data?.breakdown.level && (
        <section className="haven-problems-breakdown" aria-label={t('insight.problems.breakdown')}>
          <h2>{t('insight.problems.breakdownOf', { label: labelOf(indicatorLabels[indicator], language) })}</h2>
          <Select
            className="haven-indicator-select"
            style={{ width: '100%', maxWidth: 420, marginBottom: 8 }}
            aria-label={t('insight.problems.indicator')}
            value={indicator}
            onChange={(code) => list.search({ within, indicator: code })}
            options={indicatorCodes.map((code) => ({ value: code, label: labelOf(indicatorLabels[code], language) }))}
          />
          {data.breakdown.level === 'county' && (
            <CountyTileMap
              label={labelOf(indicatorLabels[indicator], language)}
              tiles={data.breakdown.rows.map((row) => ({
                code: row.code,
                name: row.name,
                value: row.values[column] ?? null,
              }))}
              onOpen={open}
            />
          )}
          <Table
            rowKey="code"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={data.breakdown.rows}
            columns={[
              {
                key: 'place',
                title: t('insight.division'),
                render: (_, row) =>
                  data.breakdown.level === 'village' ? (
                    (row.name ?? row.code)
                  ) : (
                    <Button type="link" className="haven-inline-link" onClick={() => open(row.code)}>
                      {row.name ?? row.code}
                    </Button>
                  ),
              },
              {
                key: 'value',
                title: labelOf(indicatorLabels[indicator], language),
                align: 'right',
                render: (_, row) => row.values[column] ?? t('insight.problems.hidden'),
              },
            ]}
          />
        </section>
      )}
      {data && (
        <FlowTables
          within={within}
          months={data.months}
          month={flowMonth ?? data.months.at(-1)}
          onMonth={setFlowMonth}
        />
      )}
      <section className="haven-monthly-reports" aria-label={t('insight.problems.reports')}>
        <h2>{t('insight.problems.reports')}</h2>
        {data && (
          <div className="haven-report-generate" aria-label={t('insight.problems.generateTitle')} role="group">
            <p>{t('insight.problems.generateNote', { name: data.within.name ?? data.within.code })}</p>
            <Space wrap>
              <Select
                aria-label={t('insight.problems.generateMonth')}
                style={{ width: 140 }}
                value={reportMonth ?? data.months.at(-1)}
                onChange={setReportMonth}
                options={[...data.months].reverse().map((month) => ({ value: month, label: month }))}
              />
              <Button
                type="primary"
                loading={generate.isPending}
                onClick={() => generate.mutate(reportMonth ?? data.months.at(-1) ?? '')}
              >
                {t('insight.problems.generate')}
              </Button>
            </Space>
            {generate.data && (
              <Alert
                type="success"
                showIcon
                role="status"
                style={{ marginTop: 8 }}
                message={t(generate.data.created ? 'insight.problems.generated' : 'insight.problems.alreadyGenerated', {
                  name: generate.data.report.divisionName ?? generate.data.report.divisionCode,
                  month: generate.data.report.month,
                })}
              />
            )}
            {generate.isError && (
              <Alert type="error" showIcon style={{ marginTop: 8 }} message={describeApiError(generate.error, t)} />
            )}
          </div>
        )}
        <Table
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={reports.isFetching}
          dataSource={reports.data?.reports ?? []}
          columns={[
            { key: 'month', title: t('insight.problems.month'), render: (_, report) => report.month },
            {
              key: 'place',
              title: t('insight.division'),
              render: (_, report) => report.divisionName ?? report.divisionCode,
            },
            {
              key: 'download',
              title: t('insight.problems.download'),
              render: (_, report) => (
                <Space wrap>
                  <Button
                    style={{ whiteSpace: 'normal', height: 'auto', minHeight: 32 }}
                    onClick={() => void downloadMonthlyReport(report.id)}
                  >
                    {t('insight.problems.downloadPdf', { month: report.month })}
                  </Button>
                  <Button
                    style={{ whiteSpace: 'normal', height: 'auto', minHeight: 32 }}
                    onClick={() => void downloadMonthlyReport(report.id, 'xlsx')}
                  >
                    {t('insight.problems.downloadReportXlsx', { month: report.month })}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}
