import { WarningFilled } from '@ant-design/icons';
import { Alert, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useAuth } from '../../app/auth/AuthProvider';
import { formatDate } from '../../app/format';
import { useMyWork } from '../my-work/myWorkApi';
import { useIncomingTransfers } from './caseNetworkApi';
import { serviceName, serviceStatusColour } from './labels';
import { TransferList } from './TransferList';
import './caseNetwork.css';
import '../cases/cases.css';

/**
 * 个案协作: the case leads other organisations ask mine to take over (answered here, before my
 * organisation sees the child), and the planned services mine provides or leads, overdue first.
 */
export default function CaseNetworkPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const incoming = useIncomingTransfers(can('cases.read'));
  const work = useMyWork();
  const services = [...(work.data?.caseServices ?? [])].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn),
  );
  return (
    <div className="haven-case-grid">
      <section className="haven-case-section" aria-labelledby="haven-network-incoming">
        <h2 id="haven-network-incoming">{t('caseNetwork.incomingTitle')}</h2>
        {incoming.isPending && <Spin />}
        {incoming.isError && <Alert type="error" showIcon message={describeApiError(incoming.error, t)} />}
        {incoming.data &&
          (incoming.data.items.length === 0 ? (
            <p className="haven-secondary">{t('caseNetwork.noIncoming')}</p>
          ) : (
            <TransferList transfers={incoming.data.items} showCase />
          ))}
      </section>
      <section className="haven-case-section" aria-labelledby="haven-network-services">
        <h2 id="haven-network-services">{t('caseNetwork.servicesDueTitle')}</h2>
        {work.isPending && <Spin />}
        {work.isError && <Alert type="error" showIcon message={describeApiError(work.error, t)} />}
        {work.data && services.length === 0 && <p className="haven-secondary">{t('caseNetwork.noServicesDue')}</p>}
        <ul className="haven-network-list">
          {services.map((service) => (
            <li key={service.serviceId} className="haven-network-item">
              <div>
                <strong>{serviceName(service.service, i18n.language)}</strong>{' '}
                <Tag color={serviceStatusColour[service.status]}>{t(`caseNetwork.status.${service.status}`)}</Tag>
              </div>
              <div>
                <Link to={`/cases/${service.caseId}`}>{service.caseNo}</Link> · {service.childName}
              </div>
              <div>
                {service.overdue ? (
                  <span className="haven-case-late">
                    <WarningFilled aria-hidden /> {t('caseNetwork.overdue', { on: formatDate(service.dueOn, t) })}
                  </span>
                ) : (
                  t('caseNetwork.due', { on: formatDate(service.dueOn, t) })
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
