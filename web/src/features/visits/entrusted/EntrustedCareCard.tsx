import { TeamOutlined, WarningFilled } from '@ant-design/icons';
import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../../app/auth/AuthProvider';
import { ContactClock } from './CareDetails';
import { useChildEntrustedCare } from './entrustedApi';
import { shortDate } from './labels';
import '../visits.css';

const shownContacts = 3;

/**
 * Entrusted care on the child's file (family tab): the carer, the written notices, the parents'
 * contact clock in words and the last contacts, linked to the care's page for those who record it.
 * The read is the audited entrusted-care read; a reader the server does not show the family (a
 * partner through a referral) gets a 404 and sees nothing here, as for a child with no care.
 */
export function EntrustedCareCard({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const query = useChildEntrustedCare(childId);
  if (!query.data) return null;
  const { current, earlier, leftBehind } = query.data;
  if (!current && earlier.length === 0 && !leftBehind) return null;
  const missing = current
    ? [
        !current.noticeSchoolOn && t('grassroots.entrusted.onFile.school'),
        !current.noticeVillageOn && t('grassroots.entrusted.onFile.village'),
      ].filter(Boolean)
    : [];
  return (
    <Card
      size="small"
      className="haven-entrusted-card"
      title={
        <span>
          <TeamOutlined aria-hidden /> {t('grassroots.entrusted.title')}
        </span>
      }
      extra={leftBehind ? <Tag>{t('grassroots.entrusted.onFile.leftBehind')}</Tag> : undefined}
    >
      {current ? (
        <>
          <p>
            {t('grassroots.entrusted.onFile.carer', {
              name: current.carerName,
              relation: current.carerRelation,
              since: shortDate(current.startedOn, t),
            })}{' '}
            · {t(`grassroots.entrusted.capacityValue.${current.capacity}`)}
          </p>
          <p className={missing.length > 0 ? 'haven-case-late' : undefined}>
            {missing.length > 0 ? (
              <>
                <WarningFilled aria-hidden />{' '}
                {t('grassroots.entrusted.onFile.noticesMissing', {
                  to: missing.join(t('grassroots.entrusted.onFile.and')),
                })}
              </>
            ) : (
              t('grassroots.entrusted.onFile.noticesDone')
            )}
          </p>
          <ContactClock care={current} leftBehind={leftBehind} />
          <h4 id={`entrusted-last-${childId}`}>{t('grassroots.entrusted.onFile.lastContacts')}</h4>
          {current.contacts.length === 0 ? (
            <p className="haven-secondary">{t('grassroots.entrusted.neverContacted')}</p>
          ) : (
            <ul aria-labelledby={`entrusted-last-${childId}`}>
              {current.contacts.slice(0, shownContacts).map((c) => (
                <li key={c.id}>
                  {shortDate(c.contactedOn, t)} · {t(`grassroots.entrusted.parentValue.${c.parent}`)} ·{' '}
                  {t(`grassroots.entrusted.channelValue.${c.channel}`)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="haven-secondary">
          {earlier.length > 0
            ? t('grassroots.entrusted.onFile.ended', {
                name: earlier[0]!.carerName,
                on: earlier[0]!.endedOn ? shortDate(earlier[0]!.endedOn, t) : '—',
              })
            : t('grassroots.entrusted.onFile.none')}
        </p>
      )}
      {can('visits.record') && <Link to={`/visits/entrusted/${childId}`}>{t('grassroots.entrusted.onFile.open')}</Link>}
    </Card>
  );
}
