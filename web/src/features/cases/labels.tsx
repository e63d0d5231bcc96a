import {
  CheckCircleFilled,
  ClockCircleOutlined,
  ExclamationCircleFilled,
  PauseCircleOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { caseStatuses, type ClockState, type RiskGrade } from '@contract/cases/vocabulary.js';
import './cases.css';

/** Our words for a code the server sends, else the code itself (a code added later still shows). */
export function codeText(t: TFunction, key: string, fallback?: string | null): string {
  if (i18next.exists(key)) return (t as unknown as (k: string) => string)(key);
  return fallback ?? key.split('.').pop() ?? key;
}

const riskSymbols: Record<RiskGrade, string> = { low: '●', medium_low: '▲', medium_high: '◆', high: '■' };

/** The four-colour risk grade with a shape and its words: never colour alone. */
export function RiskGradeTag({ grade }: { grade: RiskGrade | null }) {
  const { t } = useTranslation();
  if (!grade) return <span className="haven-secondary">{t('cases.risk.none')}</span>;
  return (
    <span className={`haven-case-risk haven-case-risk-${grade}`}>
      <span aria-hidden>{riskSymbols[grade]}</span> {t(`cases.risk.${grade}`)}
    </span>
  );
}

/** The status in words on a tinted tag (its dark text keeps 4.5:1 on the tint, see cases.css). */
export function CaseStatusTag({ status }: { status: string | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  const known = (caseStatuses as readonly string[]).includes(status);
  return (
    <Tag className={known ? `haven-case-status haven-case-status-${status}` : undefined}>
      {codeText(t, `cases.status.${status}`, status)}
    </Tag>
  );
}

/** A clock's state in words and an icon; overdue also in red. */
export function ClockStateText({ state, overdue }: { state: ClockState | null; overdue: boolean }) {
  const { t } = useTranslation();
  if (state === 'running' && overdue)
    return (
      <span className="haven-case-late">
        <WarningFilled aria-hidden /> {t('cases.clock.overdue')}
      </span>
    );
  if (state === 'missed')
    return (
      <span className="haven-case-late">
        <ExclamationCircleFilled aria-hidden /> {t('cases.clock.missed')}
      </span>
    );
  if (state === 'met')
    return (
      <span className="haven-case-met">
        <CheckCircleFilled aria-hidden /> {t('cases.clock.met')}
      </span>
    );
  if (state === 'paused')
    return (
      <span className="haven-secondary">
        <PauseCircleOutlined aria-hidden /> {t('cases.clock.paused')}
      </span>
    );
  return (
    <span className="haven-case-running">
      <ClockCircleOutlined aria-hidden /> {t('cases.clock.running')}
    </span>
  );
}

export function situationText(t: TFunction, situation: number): string {
  return codeText(t, `reports.situation.s${situation}`, String(situation));
}

export function ruleText(t: TFunction, rule: string): string {
  return codeText(t, `cases.rule.${rule.replace(/\./g, '_')}`, rule);
}

export function actionText(t: TFunction, type: string): string {
  return codeText(t, `cases.action.${type}`, type);
}

/** A moment to the minute: 2026年11月28日 16:51 / 28 Nov 2026 16:51. */
export function formatMinute(iso: string | null | undefined, t: TFunction): string {
  return iso ? dayjs(iso).format(t('reports.form.dateTimeFormat')) : '—';
}

/** The action that meets a clock: "my work" opens that form directly. */
export const actionForRule: Record<string, string> = {
  'report.emergency_response': 'emergency_response',
  'case.assessment': 'assessment',
  'case.review': 'assessment',
  'case.plan': 'assistance_plan',
  'case.closure_approval': 'approve_closure',
};
