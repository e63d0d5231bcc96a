import { HomeOutlined } from '@ant-design/icons';
import { Alert, Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { formatDate } from '../../app/format';
import { useChildHousehold } from './householdsApi';

/**
 * The household on a child's file: its siblings I may see (linked), the others only counted, and the
 * family members entered on several of their files. Nothing when the child is in no household.
 */
export function ChildHouseholdCard({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const query = useChildHousehold(childId);
  if (query.isPending) return null;
  if (query.isError) return <Alert type="error" showIcon message={describeApiError(query.error, t)} />;
  const household = query.data.household;
  if (!household) return null;
  const siblings = household.children.filter((c) => c.childId !== childId);
  return (
    <Card
      size="small"
      title={
        <span>
          <HomeOutlined aria-hidden /> {t('households.onFile.title')}
        </span>
      }
      extra={<Tag>{t(`households.basis.${household.basis}`)}</Tag>}
    >
      <p className="haven-secondary">
        {household.residenceName ?? household.residenceCode} ·{' '}
        {t('households.onFile.since', { on: formatDate(household.createdAt, t) })}
      </p>
      <h4>{t('households.onFile.siblings')}</h4>
      {siblings.length === 0 && household.childrenOutsideScope === 0 ? (
        <p className="haven-secondary">{t('households.onFile.noSiblings')}</p>
      ) : (
        <ul aria-label={t('households.onFile.siblings')}>
          {siblings.map((c) => (
            <li key={c.childId}>
              <Link to={`/registry/${c.childId}`} className="haven-touch-link">
                {c.name}
              </Link>
              {c.birthDate && <span className="haven-secondary"> · {formatDate(c.birthDate, t)}</span>}
            </li>
          ))}
          {household.childrenOutsideScope > 0 && (
            <li className="haven-secondary">{t('households.outside', { count: household.childrenOutsideScope })}</li>
          )}
        </ul>
      )}
      {household.persons.length > 0 && (
        <>
          <h4>{t('households.persons')}</h4>
          <ul>
            {household.persons.map((p) => (
              <li key={`${p.name}-${p.copies[0]?.memberId}`}>
                {p.name} · {t(`registry.relation.${p.copies[0]!.relation}`)}
                {p.differs && <Tag color="warning"> {t('households.differs')}</Tag>}
              </li>
            ))}
          </ul>
        </>
      )}
      {can('children.write') && (
        <Link to="/households" className="haven-touch-link">
          {t('households.onFile.open')}
        </Link>
      )}
    </Card>
  );
}
