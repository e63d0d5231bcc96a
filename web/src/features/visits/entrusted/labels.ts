import type { TFunction } from 'i18next';
import { formatDate } from '../../../app/format';
import type { EntrustedContactDue } from './entrustedApi';

/** The label of a care's clock rule (`entrusted.contact` → `…rule.contact`). */
export function ruleLabelKey(rule: EntrustedContactDue['rule']) {
  return rule === 'entrusted.notice'
    ? ('grassroots.entrusted.rule.notice' as const)
    : ('grassroots.entrusted.rule.contact' as const);
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** 2026年12月7日 / 7 Dec 2026, from a date or an instant (a deadline is the end of its day in China). */
export function shortDate(value: string, t: TFunction): string {
  return formatDate(value.length === 10 ? value : shanghaiDay.format(new Date(value)), t);
}
