import { Alert, Button, Progress, Spin, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableFrame } from '../../app/list/TableFrame';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { NewProjectModal } from './NewProjectModal';
import { useBudgetByCounty, useProjects, yuan } from './projectsApi';

function Percent({ value }: { value: number | null }) {
  return value === null ? (
    <span>—</span>
  ) : (
    <Progress aria-label={`${value}%`} percent={Math.min(100, value)} size="small" format={() => `${value}%`} />
  );
}

/** Projects I see with what they achieved and paid, providers compared, and budget per child by county. */
export default function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const projects = useProjects();
  const budget = useBudgetByCounty();
  if (projects.isPending) return <Spin />;
  if (projects.error) return <Alert type="error" showIcon message={describeApiError(projects.error, t)} />;
  const list = projects.data;
  return (
    <div className="haven-stack">
      {can('projects.manage') && (
        <div>
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('projects.new')}
          </Button>
        </div>
      )}
      <Tabs
        items={[
          {
            key: 'projects',
            label: t('projects.list'),
            children: (
              <TableFrame label={t('list.tableLabel')}>
                <Table
                  rowKey="id"
                  size="small"
                  scroll={{ x: true }}
                  pagination={false}
                  dataSource={list.projects}
                  locale={{ emptyText: t('projects.none') }}
                  columns={[
                    {
                      title: t('projects.fields.title'),
                      dataIndex: 'title',
                      render: (title: string, row) => <Link to={`/projects/${row.id}`}>{title}</Link>,
                    },
                    { title: t('projects.fields.provider'), render: (_, row) => row.provider.name },
                    { title: t('projects.fields.period'), render: (_, row) => `${row.startsOn} ~ ${row.endsOn}` },
                    { title: t('projects.fields.budget'), render: (_, row) => yuan(row.budgetFen, lang) },
                    { title: t('projects.fields.paid'), render: (_, row) => yuan(row.paidFen, lang) },
                    {
                      title: t('projects.fields.achievement'),
                      width: 160,
                      render: (_, row) => <Percent value={row.achievementPercent} />,
                    },
                  ]}
                />
              </TableFrame>
            ),
          },
          {
            key: 'providers',
            label: t('projects.compare'),
            children: (
              <TableFrame label={t('list.tableLabel')}>
                <Table
                  rowKey={(row) => row.provider.id}
                  size="small"
                  scroll={{ x: true }}
                  pagination={false}
                  dataSource={list.providers}
                  columns={[
                    { title: t('projects.fields.provider'), render: (_, row) => row.provider.name },
                    { title: t('projects.fields.projects'), dataIndex: 'projects' },
                    { title: t('projects.fields.budget'), render: (_, row) => yuan(row.budgetFen, lang) },
                    { title: t('projects.fields.paid'), render: (_, row) => yuan(row.paidFen, lang) },
                    {
                      title: t('projects.fields.achievement'),
                      width: 160,
                      render: (_, row) => <Percent value={row.achievementPercent} />,
                    },
                  ]}
                />
              </TableFrame>
            ),
          },
          {
            key: 'budget',
            label: t('projects.budgetByCounty'),
            children: budget.error ? (
              <Alert type="error" showIcon message={describeApiError(budget.error, t)} />
            ) : (
              <TableFrame label={t('list.tableLabel')}>
                <Table
                  rowKey="code"
                  size="small"
                  scroll={{ x: true }}
                  pagination={false}
                  loading={budget.isPending}
                  dataSource={budget.data?.rows ?? []}
                  // Rows carry a `children` count: not the tree rows antd would read from that name.
                  childrenColumnName="subRows"
                  columns={[
                    { title: t('projects.fields.code'), dataIndex: 'code' },
                    { title: t('projects.fields.county'), dataIndex: 'name' },
                    { title: t('projects.fields.children'), dataIndex: 'children' },
                    { title: t('projects.fields.budget'), render: (_, row) => yuan(row.budgetFen, lang) },
                    {
                      title: t('projects.fields.perChild'),
                      render: (_, row) => (row.fenPerChild === null ? '—' : yuan(row.fenPerChild, lang)),
                    },
                  ]}
                />
              </TableFrame>
            ),
          },
        ]}
      />
      {creating && <NewProjectModal onClose={() => setCreating(false)} />}
    </div>
  );
}
