import { Alert, Spin, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { TableFrame } from '../../app/list/TableFrame';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { kindName, serviceLabel } from '../referrals/referralsApi';
import type { OrganisationKind } from '@contract/organisations/kinds.js';
import { IncubationPanel } from './IncubationPanel';
import { useCoverage, useSocialOrganisations } from './projectsApi';

/** Coverage by county (map-ready: code, name, numbers) and the social organisations with their capacity. */
export default function SocietyPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const coverage = useCoverage();
  const organisations = useSocialOrganisations();
  if (coverage.isPending) return <Spin />;
  if (coverage.error) return <Alert type="error" showIcon message={describeApiError(coverage.error, t)} />;
  const { rows, countiesWithNone, countiesIncubating } = coverage.data;
  return (
    <Tabs
      items={[
        {
          key: 'coverage',
          label: t('projects.society.coverage'),
          children: (
            <div className="haven-stack">
              {countiesWithNone.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  message={t('projects.society.countiesWithNone', {
                    names: countiesWithNone.map((c) => c.name).join(lang.startsWith('en') ? ', ' : '、'),
                  })}
                />
              )}
              {countiesIncubating.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  message={t('projects.incubation.counties', {
                    names: countiesIncubating
                      .map((c) => `${c.name} (${c.incubating})`)
                      .join(lang.startsWith('en') ? ', ' : '、'),
                  })}
                />
              )}
              <TableFrame label={t('list.tableLabel')}>
                <Table
                  rowKey="code"
                  size="small"
                  scroll={{ x: true }}
                  pagination={false}
                  dataSource={rows}
                  // Rows carry a `children` count: not the tree rows antd would read from that name.
                  childrenColumnName="subRows"
                  columns={[
                    { title: t('projects.fields.code'), dataIndex: 'code' },
                    { title: t('projects.fields.county'), dataIndex: 'name' },
                    { title: t('projects.fields.children'), dataIndex: 'children' },
                    { title: t('projects.society.organisations'), dataIndex: 'organisations' },
                    {
                      title: t('projects.society.per10k'),
                      render: (_, row) => (row.per10k === null ? '—' : row.per10k.toFixed(1)),
                    },
                    { title: t('projects.incubation.column'), dataIndex: 'incubating' },
                    {
                      title: t('projects.society.withoutProvider'),
                      render: (_, row) => (
                        <span title={row.servicesWithoutProvider.map((s) => serviceLabel(s, lang)).join('、')}>
                          <Tag color={row.servicesWithoutProvider.length > 0 ? 'warning' : 'default'}>
                            {row.servicesWithoutProvider.length}
                          </Tag>
                        </span>
                      ),
                    },
                  ]}
                />
              </TableFrame>
            </div>
          ),
        },
        {
          key: 'organisations',
          label: t('projects.society.organisationsTab'),
          children: (
            <TableFrame label={t('list.tableLabel')}>
              <Table
                rowKey="id"
                size="small"
                scroll={{ x: true }}
                pagination={false}
                loading={organisations.isPending}
                dataSource={organisations.data?.organisations ?? []}
                columns={[
                  {
                    title: t('projects.society.name'),
                    render: (_, row) => <Link to={`/projects/society/${row.id}`}>{row.name}</Link>,
                  },
                  {
                    title: t('projects.society.kind'),
                    render: (_, row) => kindName(row.kind as OrganisationKind, lang),
                  },
                  { title: t('projects.society.socialWorkers'), dataIndex: 'socialWorkers' },
                  { title: t('projects.society.volunteers'), dataIndex: 'volunteers' },
                  { title: t('projects.society.countiesServed'), dataIndex: 'countiesServed' },
                  { title: t('projects.fields.projects'), dataIndex: 'projects' },
                ]}
              />
            </TableFrame>
          ),
        },
        { key: 'incubation', label: t('projects.incubation.tab'), children: <IncubationPanel /> },
      ]}
    />
  );
}
