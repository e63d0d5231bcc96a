import { PlusOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { codeText } from '../cases/labels';
import type { CasePlanServices, PlannedService, ServiceUserAction } from './caseNetworkApi';
import { serviceName, serviceStatusColour } from './labels';
import { PlanServiceModal } from './PlanServiceModal';
import { ServiceActionModal } from './ServiceActionModal';

function ServiceItem({ service, onAct }: { service: PlannedService; onAct: (action: ServiceUserAction) => void }) {
  const { t, i18n } = useTranslation();
  const name = serviceName(service.service, i18n.language);
  return (
    <li className="haven-network-item" data-service-id={service.id}>
      <div>
        <strong>{name}</strong>{' '}
        <Tag color={serviceStatusColour[service.status]}>{t(`caseNetwork.status.${service.status}`)}</Tag>
      </div>
      <div className="haven-secondary">
        {t('caseNetwork.providedBy', { organisation: service.provider.name })} ·{' '}
        {t(`caseNetwork.route.${service.route}`)}
        {service.referralStatus &&
          ` · ${t('caseNetwork.referralStatus', { status: codeText(t, `referrals.status.${service.referralStatus}`, service.referralStatus) })}`}
      </div>
      <div>
        {service.overdue ? (
          <span className="haven-case-late">
            <WarningFilled aria-hidden /> {t('caseNetwork.overdue', { on: formatDate(service.dueOn, t) })}
          </span>
        ) : (
          <span>{t('caseNetwork.due', { on: formatDate(service.dueOn, t) })}</span>
        )}
        {service.settledOn &&
          ` · ${t(service.status === 'delivered' ? 'caseNetwork.deliveredAt' : 'caseNetwork.notDeliveredAt', {
            on: formatDate(service.settledOn, t),
          })}`}
        {service.notDeliveredReason && ` · ${service.notDeliveredReason}`}
      </div>
      {service.allowedActions.length > 0 && (
        <div className="haven-form-footer">
          {service.allowedActions.map((action) => (
            <Button
              key={action}
              type={action === 'not_deliver' ? 'default' : 'primary'}
              onClick={() => onAct(action)}
              aria-label={t('caseNetwork.actionOn', { action: t(`caseNetwork.action.${action}`), service: name })}
            >
              {t(`caseNetwork.action.${action}`)}
            </Button>
          ))}
        </div>
      )}
    </li>
  );
}

/** The plan's services and the review of what was delivered against what was planned. */
export function ServicesSection({ plan }: { plan: CasePlanServices }) {
  const { t } = useTranslation();
  const [planning, setPlanning] = useState(false);
  const [acting, setActing] = useState<{ service: PlannedService; action: ServiceUserAction } | null>(null);
  const { review } = plan;
  return (
    <section className="haven-case-section" aria-labelledby="haven-case-services">
      <h2 id="haven-case-services">{t('caseNetwork.servicesTitle')}</h2>
      <p role="status" data-testid="plan-review">
        {t('caseNetwork.review', review)}
        {review.overdue > 0 && (
          <span className="haven-case-late">
            {' '}
            <WarningFilled aria-hidden /> {t('caseNetwork.reviewOverdue', { count: review.overdue })}
          </span>
        )}
      </p>
      {plan.ownServicesOnly && <p className="haven-secondary">{t('caseNetwork.ownServicesOnly')}</p>}
      {plan.services.length === 0 ? (
        <p className="haven-secondary">{t('caseNetwork.noServices')}</p>
      ) : (
        <ul className="haven-network-list">
          {plan.services.map((service) => (
            <ServiceItem key={service.id} service={service} onAct={(action) => setActing({ service, action })} />
          ))}
        </ul>
      )}
      {plan.canPlan && (
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setPlanning(true)}>
          {t('caseNetwork.planService')}
        </Button>
      )}
      <PlanServiceModal
        caseId={plan.caseId}
        division={plan.divisionCode}
        open={planning}
        onClose={() => setPlanning(false)}
      />
      <ServiceActionModal
        service={acting?.service ?? null}
        action={acting?.action ?? null}
        onClose={() => setActing(null)}
      />
    </section>
  );
}
