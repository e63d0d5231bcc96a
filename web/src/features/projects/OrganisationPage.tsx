import { Alert, Descriptions, Spin, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { TableFrame } from '../../app/list/TableFrame';
import { Link, useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import type { OrganisationKind } from '@contract/organisations/kinds.js';
import { kindName, serviceLabel } from '../referrals/referralsApi';
import { levelLabel, useCapacity } from './projectsApi';

/** A social organisation's capacity: people, licences, volunteers, services, counties served (from its work), projects. */
export default function OrganisationPage() {
  const { organisationId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useCapacity(organisationId);
  if (query.isPending) return <Spin />;
  if (query.error) return <Alert type="error" showIcon message={describeApiError(query.error, t)} />;
  const capacity = query.data;
  const names = (list: { name: string }[]) => list.map((c) => c.name).join(lang.startsWith('en') ? ', ' : '、') || '—';
  return (
    <div className="haven-stack">
      <h2>{capacity.organisation.name}</h2>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('projects.society.kind')}>
          {kindName(capacity.organisation.kind as OrganisationKind, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.society.staff')}>
          {Math.max(capacity.staff, capacity.accounts)}
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.society.volunteers')}>{capacity.volunteers}</Descriptions.Item>
        <Descriptions.Item label={t('projects.society.countiesServed')}>
          {names(capacity.countiesServed)}
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.society.declared')}>{names(capacity.declaredCounties)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.services')}>
          {capacity.services.map((s) => (
            <Tag key={s}>{serviceLabel(s, lang)}</Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
      <h3>{t('projects.society.socialWorkers')}</h3>
      <TableFrame label={t('list.tableLabel')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={capacity.socialWorkers}
          locale={{ emptyText: t('projects.society.noLicences') }}
          columns={[
            { title: t('projects.society.name'), dataIndex: 'personName' },
            { title: t('projects.society.level'), render: (_, row) => levelLabel(row.level, lang) },
            { title: t('projects.society.year'), dataIndex: 'licenceYear' },
          ]}
        />
      </TableFrame>
      <h3>{t('projects.title')}</h3>
      <ul>
        {capacity.projects.map((p) => (
          <li key={p.id}>
            <Link to={`/projects/${p.id}`}>{p.title}</Link> · {p.startsOn} ~ {p.endsOn}
          </li>
        ))}
      </ul>
    </div>
  );
}
