import { ClockCircleOutlined, FormOutlined, RightOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Empty, Segmented, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeApiError } from '../../../app/api/describeApiError';
import { DivisionName } from '../../divisions/DivisionName';
import { useChildren } from '../../registry/childrenApi';
import { type EntrustedContactDue, useEntrustedDue } from './entrustedApi';
import { ruleLabelKey, shortDate } from './labels';
import '../visits.css';

function DueCard({ item }: { item: EntrustedContactDue }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const due = shortDate(item.dueAt, t);
  return (
    <li className={`haven-visit-card${item.overdue ? ' haven-visit-overdue' : ''}`}>
      <div className="haven-visit-card-main">
        <strong className="haven-visit-name">{item.childName}</strong>
        <span className="haven-visit-meta">
          <span className="haven-visit-tag">{t(ruleLabelKey(item.rule))}</span>
          <span>{t('grassroots.entrusted.carerShort', { name: item.carerName })}</span>
        </span>
        <span className="haven-visit-meta">
          <DivisionName code={item.divisionCode} />
        </span>
        <span className={item.overdue ? 'haven-case-late' : undefined}>
          {item.overdue ? <WarningFilled aria-hidden /> : <ClockCircleOutlined aria-hidden />}{' '}
          {item.overdue ? t('grassroots.visits.overdueSince', { due }) : t('grassroots.visits.dueOn', { due })}
          {item.basis === 'escalated' && ` · ${t('grassroots.visits.escalated', { level: item.escalationLevel })}`}
        </span>
        <span className="haven-secondary">
          {item.lastContactOn
            ? t('grassroots.entrusted.lastContact', { on: shortDate(item.lastContactOn, t) })
            : t('grassroots.entrusted.neverContacted')}
        </span>
      </div>
      <span className="haven-visit-action">
        <Button
          type={item.basis === 'assigned' ? 'primary' : 'default'}
          size="large"
          icon={<FormOutlined aria-hidden />}
          onClick={() => navigate(`/visits/entrusted/${item.childId}`)}
        >
          {item.rule === 'entrusted.notice'
            ? t('grassroots.entrusted.recordNoticeFor', { name: item.childName })
            : t('grassroots.entrusted.recordContactFor', { name: item.childName })}
        </Button>
      </span>
    </li>
  );
}

/** The left-behind children I see, each opening its entrusted care (to register a carer or read it). */
function LeftBehindChildren() {
  const { t } = useTranslation();
  const children = useChildren({ category: 'left_behind', status: 'active', page: 1 });
  if (children.isPending) return <Spin />;
  if (children.isError) return <Alert type="error" showIcon message={describeApiError(children.error, t)} />;
  if (children.data.items.length === 0) return <Empty description={t('grassroots.entrusted.noLeftBehind')} />;
  return (
    <ul className="haven-visit-list haven-entrusted-children" aria-label={t('grassroots.entrusted.leftBehindTitle')}>
      {children.data.items.map((child) => (
        <li key={child.id}>
          <Link className="haven-entrusted-child" to={`/visits/entrusted/${child.id}`}>
            <span>
              <strong>{child.name ?? '—'}</strong> <span className="haven-secondary">{child.residenceName ?? ''}</span>
            </span>
            <RightOutlined aria-hidden />
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * Entrusted care (委托照护) of left-behind children, phone first: whose parents' weekly contact or
 * written notice is due (overdue first, in red with an icon and words), then the left-behind
 * children to register a carer for.
 */
export default function EntrustedPage() {
  const { t } = useTranslation();
  const [within, setWithin] = useState(7);
  const due = useEntrustedDue(within);
  return (
    <div className="haven-visits">
      <p className="haven-secondary">{t('grassroots.entrusted.intro')}</p>
      <Segmented
        block
        value={within}
        onChange={(value) => setWithin(Number(value))}
        options={[
          { value: 0, label: t('grassroots.visits.window.overdue') },
          { value: 7, label: t('grassroots.visits.window.week') },
          { value: 14, label: t('grassroots.visits.window.twoWeeks') },
          { value: 31, label: t('grassroots.visits.window.month') },
        ]}
        aria-label={t('grassroots.visits.windowLabel')}
      />
      {due.isPending && <Spin />}
      {due.isError && <Alert type="error" showIcon message={describeApiError(due.error, t)} />}
      {due.data && (
        <>
          <p role="status" className="haven-visit-summary">
            {t('grassroots.entrusted.summary', {
              count: due.data.items.length,
              overdue: due.data.items.filter((i) => i.overdue).length,
            })}
          </p>
          {due.data.items.length === 0 ? (
            <Empty description={t('grassroots.entrusted.none')} />
          ) : (
            <ul className="haven-visit-list" aria-label={t('grassroots.entrusted.dueTitle')}>
              {due.data.items.map((item) => (
                <DueCard key={item.clockId} item={item} />
              ))}
            </ul>
          )}
        </>
      )}
      <h2 className="haven-entrusted-heading">{t('grassroots.entrusted.leftBehindTitle')}</h2>
      <LeftBehindChildren />
    </div>
  );
}
