import type { TFunction } from 'i18next';
import type { Obj } from '../formValues';
import { codeText } from '../labels';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The lines worth reading in a timeline entry, in the reader's words. */
export function actionSummary(t: TFunction, type: string, payload: Obj): string[] {
  const out: string[] = [];
  const push = (label: string, value: string | null | undefined) => {
    if (value) out.push(`${label}${t('cases.punct.colon')}${value}`);
  };
  switch (type) {
    case 'emergency_response':
      push(t('cases.emergency.attendedBy'), list(payload.attendedBy).join(t('cases.punct.listSeparator')));
      push(
        t('cases.emergency.childSafe'),
        payload.childSafe === true ? t('cases.form.yes') : payload.childSafe === false ? t('cases.form.no') : null,
      );
      push(
        t('cases.emergency.measures'),
        list(payload.measures)
          .map((m) => codeText(t, `cases.measure.${m}`, m))
          .join(t('cases.punct.listSeparator')),
      );
      push(t('cases.placement.title'), placementText(t, payload.placement));
      break;
    case 'assessment': {
      const grade = text(payload.grade) ?? text(payload.riskGrade);
      push(t('cases.assessment.grade'), grade ? codeText(t, `cases.risk.${grade}`, grade) : null);
      push(t('cases.assessment.totalScore'), typeof payload.score === 'number' ? String(payload.score) : null);
      break;
    }
    case 'assistance_plan': {
      const goals = Array.isArray(payload.goals) ? (payload.goals as Obj[]) : [];
      for (const goal of goals)
        push(t('cases.plan.goal'), [text(goal.goal), text(goal.dueOn)].filter(Boolean).join(' · '));
      break;
    }
    case 'case_conference':
      push(t('cases.conference.participants'), list(payload.participants).join(t('cases.punct.listSeparator')));
      push(t('cases.conference.decisions'), list(payload.decisions).join(t('cases.punct.listSeparator')));
      break;
    case 'guardianship_intervention': {
      const intervention = (payload.intervention ?? payload) as Obj;
      const measure = text(intervention.measure);
      push(t('cases.intervention.measure'), measure ? codeText(t, `cases.measureKind.${measure}`, measure) : null);
      const ground = text(intervention.ground);
      push(t('cases.intervention.ground'), ground ? codeText(t, `cases.ground.${ground}`, ground) : null);
      const basis = text(intervention.basis);
      push(t('cases.intervention.basis'), basis ? codeText(t, `cases.basis.${basis}`, basis) : null);
      push(t('cases.intervention.court'), text(intervention.court));
      push(t('cases.placement.title'), placementText(t, intervention.placement));
      break;
    }
    case 'request_closure':
      push(t('cases.form.reason'), text(payload.reason));
      push(t('cases.closure.outcome'), text(payload.outcome));
      break;
    default:
      push(t('cases.form.reason'), text(payload.reason));
      push(t('cases.form.note'), text(payload.note));
  }
  return out;
}

function placementText(t: TFunction, value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const placement = value as Obj;
  const kind = text(placement.kind);
  return (
    [kind ? codeText(t, `cases.placementKind.${kind}`, kind) : null, text(placement.where)]
      .filter(Boolean)
      .join(' · ') || null
  );
}
