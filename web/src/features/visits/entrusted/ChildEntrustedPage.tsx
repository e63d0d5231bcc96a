import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { describeApiError } from '../../../app/api/describeApiError';
import { CareChanges, CareSummary, ContactClock, ContactList } from './CareDetails';
import { ContactForm, RegisterCareForm } from './CareForms';
import { useChildEntrustedCare } from './entrustedApi';
import { shortDate } from './labels';
import '../visits.css';

/**
 * One left-behind child's entrusted care (委托照护): register the carer (relation, capacity, the
 * agreement's date, the written notices to school and village committee), then record the parents'
 * contacts against the weekly clock; earlier cares below.
 */
export default function ChildEntrustedPage() {
  const { t } = useTranslation();
  const { childId = '' } = useParams();
  const care = useChildEntrustedCare(childId);
  if (care.isPending) return <Spin />;
  if (care.isError)
    return (
      <Alert
        type="error"
        showIcon
        message={
          care.error instanceof ApiError && care.error.status === 404
            ? t('registry.file.missing')
            : describeApiError(care.error, t)
        }
        description={<Link to="/visits/entrusted">{t('grassroots.entrusted.back')}</Link>}
      />
    );
  const { current, earlier, childName, leftBehind } = care.data;
  return (
    <div className="haven-visits haven-visit-form">
      <h2>{t('grassroots.entrusted.heading', { name: childName })}</h2>
      <p className="haven-secondary">
        <Link to={`/registry/${childId}`}>{t('grassroots.entrusted.openFile')}</Link> ·{' '}
        <Link to="/visits/entrusted">{t('grassroots.entrusted.back')}</Link>
      </p>
      {current ? (
        <>
          <ContactClock care={current} leftBehind={leftBehind} />
          <CareSummary care={current} />
          <ContactForm childId={childId} care={current} />
          <ContactList care={current} />
          <CareChanges childId={childId} care={current} />
        </>
      ) : leftBehind ? (
        <RegisterCareForm childId={childId} />
      ) : (
        <Alert type="info" showIcon message={t('grassroots.entrusted.notLeftBehind')} />
      )}
      {earlier.length > 0 && (
        <section className="haven-entrusted-section" aria-labelledby="entrusted-earlier">
          <h3 id="entrusted-earlier">{t('grassroots.entrusted.earlierTitle')}</h3>
          <ul className="haven-entrusted-contacts">
            {earlier.map((e) => (
              <li key={e.id}>
                {e.carerName}（{e.carerRelation}） {shortDate(e.startedOn, t)} –{' '}
                {e.endedOn ? shortDate(e.endedOn, t) : ''}
                {e.endedReason && <span className="haven-secondary"> · {e.endedReason}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
