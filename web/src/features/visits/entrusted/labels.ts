import type { EntrustedContactDue } from './entrustedApi';

/** The label of a care's clock rule (`entrusted.contact` → `…rule.contact`). */
export function ruleLabelKey(rule: EntrustedContactDue['rule']) {
  return rule === 'entrusted.notice'
    ? ('grassroots.entrusted.rule.notice' as const)
    : ('grassroots.entrusted.rule.contact' as const);
}

/** 2026年12月7日 / 7 Dec 2026, from an ISO instant or date. */
export function shortDate(value: string, language: string): string {
  const date = value.length === 10 ? new Date(`${value}T12:00:00+08:00`) : new Date(value);
  return date.toLocaleDateString(language, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' });
}
