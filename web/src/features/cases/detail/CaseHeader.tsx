import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../api/casesApi';
import { type CaseStatus, userActionTypes, type UserActionType } from '@contract/cases/vocabulary.js';
import { actionText, CaseStatusTag, ClockStateText, RiskGradeTag, ruleText, formatMinute } from '../labels';

/** The usual next step in each status, shown as the primary button when it is allowed. */
const nextStep: Record<CaseStatus, UserActionType> = {
  reported: 'acknowledge',
  acknowledged: 'emergency_response',
  emergency_response: 'assessment',
  assessment: 'assistance_plan',
  assistance: 'start_monitoring',
  guardianship_intervention: 'start_monitoring',
  monitoring: 'request_closure',
  closure_requested: 'approve_closure',
  closed: 'reopen',
};

/** Sticky header: the case, its status and grade, who leads it, the next deadline, and only the actions the server allows now. */
export function CaseHeader({
  caseDetail,
  onAction,
  childHref,
}: {
  caseDetail: CaseDetail;
  onAction: (type: UserActionType) => void;
  childHref: string | null;
}) {
  const { t } = useTranslation();
  const allowed = userActionTypes.filter((type) => caseDetail.allowedActions.includes(type));
  const primary = caseDetail.status ? nextStep[caseDetail.status] : undefined;
  const next = [...caseDetail.clocks]
    .filter((clock) => clock.state === 'running')
    .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''))[0];
  return (
    <section className="haven-case-header" aria-label={t('cases.detail.summary')}>
      <div className="haven-case-header-line">
        <span className="haven-case-no">{caseDetail.caseNo}</span>
        <span>
          {t('cases.detail.child')}
          {t('cases.punct.colon')}
          {childHref ? <Link to={childHref}>{caseDetail.child.name}</Link> : caseDetail.child.name}
        </span>
        <CaseStatusTag status={caseDetail.status} />
        <span>
          {t('cases.detail.risk')}
          {t('cases.punct.colon')}
          <RiskGradeTag grade={caseDetail.child.riskGrade} />
        </span>
      </div>
      <dl className="haven-case-facts">
        <div>
          <dt>{t('cases.detail.lead')}</dt>
          <dd>{caseDetail.lead?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('cases.detail.manager')}</dt>
          <dd>{caseDetail.manager?.name ?? t('cases.detail.noManager')}</dd>
        </div>
        <div>
          <dt>{t('cases.detail.openedAt')}</dt>
          <dd>{formatMinute(caseDetail.openedAt, t)}</dd>
        </div>
        <div>
          <dt>{t('cases.detail.nextDue')}</dt>
          <dd>
            {next ? (
              <>
                {ruleText(t, next.rule)} · {formatMinute(next.dueAt, t)}{' '}
                <ClockStateText state={next.state} overdue={next.overdue} />
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>
      <div className="haven-case-actions" role="group" aria-label={t('cases.detail.actions')}>
        {allowed.length === 0 ? (
          <span className="haven-secondary">{t('cases.detail.noActions')}</span>
        ) : (
          allowed.map((type) => (
            <Button
              key={type}
              type={type === primary ? 'primary' : 'default'}
              danger={type === 'reject_closure'}
              onClick={() => onAction(type)}
            >
              {actionText(t, type)}
            </Button>
          ))
        )}
      </div>
    </section>
  );
}
