import { Alert, Button, Empty, Skeleton, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { describeApiError } from '../../app/api/describeApiError';
import { useChildAssessments } from './assessmentsApi';
import { RiskTag } from './riskTag';
import './assessments.css';

/** A child's assessments, newest first, with the clocks saying one is due, and the button to assess. */
export default function ChildAssessmentsPage() {
  const { t } = useTranslation();
  const { childId = '' } = useParams();
  const state = (useLocation().state ?? {}) as { childName?: string };
  const list = useChildAssessments(childId);
  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <Alert type="error" showIcon message={describeApiError(list.error, t)} />;
  return (
    <div className="haven-assessments">
      {state.childName && <h2>{state.childName}</h2>}
      {list.data.due.map((due) => (
        <Alert
          key={due.rule}
          type={due.overdue ? 'error' : 'warning'}
          showIcon
          message={`${t(`assessments.clock.${due.rule}`)} · ${due.overdue ? t('assessments.list.overdue') : t('assessments.list.due')} ${t('assessments.list.dueAt', { date: dayjs(due.dueAt).format('YYYY-MM-DD') })}`}
        />
      ))}
      <Link to={`/assessments/child/${childId}/new`} state={state}>
        <Button type="primary" size="large" block>
          {t('assessments.list.new')}
        </Button>
      </Link>
      {list.data.items.length === 0 ? (
        <Empty description={t('assessments.list.empty')} />
      ) : (
        <ul className="haven-assessment-list">
          {list.data.items.map((a) => (
            <li key={a.id} className={`haven-assessment-card haven-risk-${a.riskGrade}`}>
              <strong>
                {a.assessedOn} · {t(`assessments.grade.${a.grade}`)} · {t('assessments.form.score')} {a.score}
              </strong>
              <span>
                <RiskTag grade={a.riskGrade} /> {t(`assessments.trigger.${a.trigger}`)}
              </span>
              <span>
                {t('assessments.list.assessor')}: {a.assessorName}
                {a.revisions > 0 && ` · ${t('assessments.list.revisions', { count: a.revisions })}`}
              </span>
              <span>
                {t('assessments.list.followUps')}:{' '}
                {a.followUps.map((f) => (
                  <Tag key={f}>{t(`assessments.followUp.${f}` as 'assessments.followUp.routine_care')}</Tag>
                ))}
              </span>
              {a.followUpState && (
                <Tag color={a.followUpState === 'open' ? 'red' : 'green'}>
                  {a.followUpState === 'open'
                    ? t('assessments.list.followUpOpen')
                    : t('assessments.list.followUpTaken')}
                </Tag>
              )}
              {a.notes && <span>{a.notes}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
