import { PlusOutlined } from '@ant-design/icons';
import { Alert, Empty, Segmented, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { LinkButton } from '../cases/LinkButton';
import { formatMinute } from '../cases/labels';
import '../cases/cases.css';
import { type RecommendationStatus, useRecommendations } from './recommendationsApi';

export const statusColour: Record<RecommendationStatus, string> = {
  issued: 'processing',
  replied: 'warning',
  closed: 'success',
  withdrawn: 'default',
};

/**
 * The procuratorial recommendations of my unit: those my procuratorate issued, with their replies,
 * or those addressed to my unit, to answer in writing; overdue first.
 */
export default function RecommendationsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const issues = can('recommendations.issue');
  const [direction, setDirection] = useState<'issued' | 'received'>(issues ? 'issued' : 'received');
  const list = useRecommendations(direction);
  const items = list.data?.items ?? [];
  return (
    <div className="haven-stack">
      <span className="haven-form-footer">
        {issues && (
          <Segmented
            value={direction}
            onChange={(value) => setDirection(value as 'issued' | 'received')}
            options={[
              { value: 'issued', label: t('recommendations.issued') },
              { value: 'received', label: t('recommendations.received') },
            ]}
          />
        )}
        {issues && (
          <LinkButton to="/recommendations/new" type="primary" icon={<PlusOutlined aria-hidden />}>
            {t('recommendations.new')}
          </LinkButton>
        )}
      </span>
      {list.isError && <Alert type="error" showIcon message={describeApiError(list.error, t)} />}
      {list.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('recommendations.empty')} />
      ) : (
        <ul className="haven-work-list" aria-label={t('recommendations.title')}>
          {items.map((item) => (
            <li key={item.id} className={item.overdue ? 'haven-work-overdue' : undefined}>
              <div className="haven-work-item-main">
                <strong>
                  <Link to={`/recommendations/${item.id}`}>{item.reference ?? t('recommendations.noReference')}</Link>
                </strong>{' '}
                <Tag color={statusColour[item.status]}>{t(`recommendations.status.${item.status}`)}</Tag>
                {item.litigation && <Tag color="purple">{t('recommendations.litigationTag')}</Tag>}
                <p>
                  {item.received
                    ? `${t('recommendations.from')}：${item.from.name}`
                    : `${t('recommendations.to')}：${item.to.name}`}
                </p>
                <p className="haven-secondary">{item.recommends}</p>
                <p className={item.overdue ? 'haven-case-late' : undefined}>
                  {item.repliedAt
                    ? t('recommendations.repliedAt', { at: formatMinute(item.repliedAt, t) })
                    : item.dueAt &&
                      (item.overdue
                        ? t('recommendations.overdue', { at: formatMinute(item.dueAt, t) })
                        : t('recommendations.due', { at: formatMinute(item.dueAt, t) }))}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
