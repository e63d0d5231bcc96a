import { ReportNumber } from '../../reports/drawer/ReportNumber';
import { Alert, Spin } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { describeApiError } from '../../../app/api/describeApiError';
import { useAuth } from '../../../app/auth/AuthProvider';
import { useNotice } from '../../../app/notice/useNotice';
import { ActionDialog, type Conflict } from '../actions/ActionDialog';
import { caseKeys, useCase } from '../api/casesApi';
import { userActionTypes, type UserActionType } from '@contract/cases/vocabulary.js';
import { actionText, CaseStatusTag, codeText, formatMinute } from '../labels';
import { CaseClocks } from './CaseClocks';
import { CaseHeader } from './CaseHeader';
import { CaseTimeline } from './CaseTimeline';
import { SiblingCases } from './SiblingCases';
import { IncidentsPanel } from '../../incidents/IncidentsPanel';
import { CaseNetworkPanel } from '../../case-network/CaseNetworkPanel';
import '../cases.css';

/** 个案: the header with the allowed actions, the timeline of who did what, the clocks, the reports. */
export default function CasePage() {
  const { t } = useTranslation();
  const { caseId } = useParams();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const found = useCase(caseId);
  const [acting, setActing] = useState<UserActionType | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const notice = useNotice();
  const [params, setParams] = useSearchParams();
  const requested = params.get('act');
  const allowedNow = found.data?.allowedActions;

  // Opened from "my work" for one step: that step's form opens at once, if it is allowed now.
  useEffect(() => {
    if (!requested || !allowedNow) return;
    const type = userActionTypes.find((candidate) => candidate === requested && allowedNow.includes(candidate));
    if (type) setActing(type);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('act');
        return next;
      },
      { replace: true },
    );
  }, [requested, allowedNow, setParams]);

  if (found.isPending) return <Spin />;
  if (found.isError || !found.data)
    return (
      <Alert
        type="error"
        showIcon
        message={t('cases.detail.loadFailed')}
        description={describeApiError(found.error, t)}
      />
    );
  const caseDetail = found.data;

  return (
    <>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          closable={{ 'aria-label': t('common.close') }}
          onClose={() => setConflict(null)}
          className="haven-form-alert"
          message={t('cases.conflict.title')}
          description={
            <>
              <p>{conflict.message}</p>
              <p>
                {t('cases.conflict.status')}
                {t('cases.punct.colon')}
                {conflict.status ? <CaseStatusTag status={conflict.status} /> : '—'}
              </p>
              <p>
                {t('cases.conflict.allowed')}
                {t('cases.punct.colon')}
                {conflict.allowed.length
                  ? conflict.allowed.map((type) => actionText(t, type)).join(t('cases.punct.listSeparator'))
                  : t('cases.detail.noActions')}
              </p>
              <p>{t('cases.conflict.refreshed')}</p>
            </>
          }
        />
      )}
      <CaseHeader
        caseDetail={caseDetail}
        onAction={setActing}
        childHref={can('children.read') && caseDetail.child.id ? `/registry/${caseDetail.child.id}` : null}
      />
      <div className="haven-case-grid">
        <CaseTimeline actions={caseDetail.actions} />
        <div>
          <SiblingCases caseDetail={caseDetail} />
          <CaseClocks clocks={caseDetail.clocks} />
          <CaseNetworkPanel caseId={caseDetail.id} />
          <section className="haven-case-section" aria-labelledby="haven-case-reports">
            <h2 id="haven-case-reports">{t('cases.detail.reports')}</h2>
            {caseDetail.reports.length === 0 ? (
              <p className="haven-secondary">—</p>
            ) : (
              <ul>
                {caseDetail.reports.map((report) => (
                  <li key={report.id}>
                    <ReportNumber id={report.id} refNo={report.refNo} /> ·{' '}
                    {codeText(t, `reports.channel.${report.channel}`, report.channel)} ·{' '}
                    {formatMinute(report.reportedAt, t)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {caseDetail.child.id && <IncidentsPanel caseId={caseDetail.id} childId={caseDetail.child.id} />}
          <section className="haven-case-section" aria-labelledby="haven-case-orgs">
            <h2 id="haven-case-orgs">{t('cases.detail.organisations')}</h2>
            <ul>
              {caseDetail.organisations.map((organisation) => (
                <li key={organisation.id}>
                  {organisation.name}{' '}
                  <span className="haven-secondary">
                    {t('cases.punct.parenthesised', {
                      text: codeText(t, `cases.orgRole.${organisation.role}`, organisation.role),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <p>
            <Link to="/cases">{t('cases.detail.backToList')}</Link>
          </p>
        </div>
      </div>
      <ActionDialog
        caseDetail={caseDetail}
        type={acting}
        onClose={() => setActing(null)}
        onDone={(updated, type) => {
          setActing(null);
          setConflict(null);
          if (updated) queryClient.setQueryData(caseKeys.detail(caseDetail.id), updated);
          void queryClient.invalidateQueries({ queryKey: ['cases'] });
          void queryClient.invalidateQueries({ queryKey: ['my-work'] });
          void notice.success(t('cases.detail.done', { action: actionText(t, type) }));
        }}
        onConflict={(next) => {
          setActing(null);
          setConflict(next);
          if (next.current) queryClient.setQueryData(caseKeys.detail(caseDetail.id), next.current);
          void found.refetch();
        }}
      />
    </>
  );
}
