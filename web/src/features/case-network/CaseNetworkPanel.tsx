import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../app/api/describeApiError';
import { useCasePlan } from './caseNetworkApi';
import { LeadSection } from './LeadSection';
import { ServicesSection } from './ServicesSection';
import './caseNetwork.css';

/** On the case page: the plan's services (planned → referred → delivered / not delivered) and the lead's transfers. */
export function CaseNetworkPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const plan = useCasePlan(caseId);
  if (plan.isPending) return null;
  if (plan.isError)
    return (
      <Alert
        type="error"
        showIcon
        message={t('caseNetwork.loadFailed')}
        description={describeApiError(plan.error, t)}
      />
    );
  return (
    <>
      <ServicesSection plan={plan.data} />
      <LeadSection plan={plan.data} />
    </>
  );
}
