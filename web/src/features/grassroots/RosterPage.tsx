import { Alert, Card, Col, Row, Statistic, Table, Tabs, Tag } from 'antd';
import type { Caseload, Coverage, RosterList } from '@contract/grassroots/roster.js';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { DivisionName } from '../divisions/DivisionName';
import { useCaseload, useCoverage, useRoster } from './rosterApi';
import { SupervisionTab } from './SupervisionTab';
import './supervision.css';

type Staff = RosterList['items'][number];
type DirectorLoad = Caseload['directors'][number];
type CountyLoad = Caseload['counties'][number];
type Place = Coverage['villagesWithoutDirector'][number];

function Failure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return <Alert type="error" showIcon message={describeApiError(error, t)} />;
}

function RosterTab() {
  const { t } = useTranslation();
  const roster = useRoster();
  if (roster.isError) return <Failure error={roster.error} />;
  return (
    <Table<Staff>
      rowKey="id"
      size="middle"
      loading={roster.isPending}
      dataSource={roster.data?.items}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 900 }}
      columns={[
        { key: 'name', title: t('grassroots.roster.name'), dataIndex: 'name' },
        { key: 'post', title: t('grassroots.roster.post'), render: (_, s) => t(`grassroots.post.${s.post}`) },
        {
          key: 'places',
          title: t('grassroots.roster.places'),
          render: (_, s) =>
            s.postings
              .filter((p) => p.toOn === null)
              .map((p) => <Tag key={p.divisionCode}>{p.divisionName ?? p.divisionCode}</Tag>),
        },
        { key: 'appointed', title: t('grassroots.roster.appointedOn'), dataIndex: 'appointedOn' },
        {
          key: 'employment',
          title: t('grassroots.roster.employment'),
          render: (_, s) => t(`grassroots.employment.${s.employment}`),
        },
        { key: 'duties', title: t('grassroots.roster.otherDuties'), render: (_, s) => s.otherDuties ?? '—' },
        { key: 'phone', title: t('grassroots.roster.phone'), render: (_, s) => s.phone ?? '—' },
        { key: 'training', title: t('grassroots.roster.trainingHours'), dataIndex: 'trainingHours' },
        { key: 'children', title: t('grassroots.roster.children'), dataIndex: 'childrenAssigned' },
        {
          key: 'status',
          title: t('grassroots.roster.status'),
          render: (_, s) => t(`grassroots.status.${s.status}`),
        },
      ]}
    />
  );
}

function CoverageTab() {
  const { t } = useTranslation();
  const coverage = useCoverage();
  if (coverage.isError) return <Failure error={coverage.error} />;
  const places = [
    { key: 'code', title: t('grassroots.coverage.place'), render: (_: unknown, p: Place) => p.name },
    { key: 'children', title: t('grassroots.coverage.children'), dataIndex: 'activeChildren' },
  ];
  const data = coverage.data;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t('grassroots.coverage.villagesTotal')} value={data?.villagesWithoutDirectorTotal ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('grassroots.coverage.townshipsTotal')}
              value={data?.townshipsWithoutSupervisorTotal ?? 0}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('grassroots.coverage.childrenWithout')} value={data?.childrenWithoutDirector ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('grassroots.coverage.several')} value={data?.directorsCoveringSeveral.length ?? 0} />
          </Col>
        </Row>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('grassroots.coverage.villages')} size="small">
          <Table<Place>
            rowKey="code"
            size="small"
            loading={coverage.isPending}
            dataSource={data?.villagesWithoutDirector}
            columns={places}
            pagination={{ pageSize: 10 }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('grassroots.coverage.townships')} size="small">
          <Table<Place>
            rowKey="code"
            size="small"
            loading={coverage.isPending}
            dataSource={data?.townshipsWithoutSupervisor}
            columns={places}
            pagination={{ pageSize: 10 }}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('grassroots.coverage.severalTitle')} size="small">
          <ul>
            {data?.directorsCoveringSeveral.map((d) => (
              <li key={d.staffId}>
                {d.name}: {d.villages.map((v) => v.name).join('、')}
              </li>
            ))}
          </ul>
        </Card>
      </Col>
    </Row>
  );
}

function CaseloadTab() {
  const { t } = useTranslation();
  const load = useCaseload();
  if (load.isError) return <Failure error={load.error} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card title={t('grassroots.caseload.byCounty', { month: load.data?.month ?? '' })} size="small">
          <Table<CountyLoad>
            rowKey="countyCode"
            size="small"
            loading={load.isPending}
            dataSource={load.data?.counties}
            pagination={false}
            scroll={{ x: 700 }}
            columns={[
              { key: 'county', title: t('grassroots.caseload.county'), dataIndex: 'countyName' },
              { key: 'directors', title: t('grassroots.caseload.directors'), dataIndex: 'directors' },
              { key: 'children', title: t('grassroots.caseload.children'), dataIndex: 'childrenAssigned' },
              { key: 'high', title: t('grassroots.caseload.highRisk'), dataIndex: 'highRisk' },
              { key: 'due', title: t('grassroots.caseload.dueThisMonth'), dataIndex: 'visitsDueThisMonth' },
              { key: 'overdue', title: t('grassroots.caseload.overdue'), dataIndex: 'visitsOverdue' },
              { key: 'mean', title: t('grassroots.caseload.mean'), dataIndex: 'meanPerDirector' },
              { key: 'max', title: t('grassroots.caseload.max'), dataIndex: 'maxPerDirector' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('grassroots.caseload.perDirector')} size="small">
          <Table<DirectorLoad>
            rowKey="staffId"
            size="small"
            loading={load.isPending}
            dataSource={load.data?.directors}
            pagination={{ pageSize: 20 }}
            scroll={{ x: 700 }}
            columns={[
              { key: 'name', title: t('grassroots.roster.name'), dataIndex: 'name' },
              {
                key: 'place',
                title: t('grassroots.roster.places'),
                render: (_, d) => <DivisionName code={d.divisionCode} />,
              },
              {
                key: 'employment',
                title: t('grassroots.roster.employment'),
                render: (_, d) => t(`grassroots.employment.${d.employment}`),
              },
              { key: 'children', title: t('grassroots.caseload.children'), dataIndex: 'childrenAssigned' },
              { key: 'high', title: t('grassroots.caseload.highRisk'), dataIndex: 'highRisk' },
              { key: 'due', title: t('grassroots.caseload.dueThisMonth'), dataIndex: 'visitsDueThisMonth' },
              { key: 'overdue', title: t('grassroots.caseload.overdue'), dataIndex: 'visitsOverdue' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** The county officer's view of the grassroots team: who is on the roster, where the gaps are, who carries what, who checked whom. */
export default function RosterPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  return (
    <Tabs
      activeKey={params.get('tab') ?? 'coverage'}
      onChange={(key) => setParams({ tab: key }, { replace: true })}
      items={[
        { key: 'coverage', label: t('grassroots.tabs.coverage'), children: <CoverageTab /> },
        { key: 'caseload', label: t('grassroots.tabs.caseload'), children: <CaseloadTab /> },
        { key: 'roster', label: t('grassroots.tabs.roster'), children: <RosterTab /> },
        { key: 'supervision', label: t('grassroots.tabs.supervision'), children: <SupervisionTab /> },
      ]}
    />
  );
}
