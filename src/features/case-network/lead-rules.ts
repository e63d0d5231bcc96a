import type { Transaction } from 'kysely';
import { organisationKinds, type OrganisationKind } from '../../contract/organisations/kinds.js';
import { levelOf } from '../../core/places.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { caseLeadRules } from './rule-sections.js';

const kindName = (kind: string, locale: Locale) => {
  const names = organisationKinds[kind as OrganisationKind];
  return names ? (locale === 'en' ? names.en : names.zh) : kind;
};

/**
 * Refuses, with the reason, a lead organisation the place's rules do not allow to lead a case
 * (its kind at its level); the answer names who may lead there.
 */
export async function requireLeadMayLead(
  trx: Transaction<Database>,
  locale: Locale,
  organisationId: string,
  caseDivisionCode: string,
  at: Date,
  field: string,
): Promise<void> {
  const organisation = await trx
    .selectFrom('organisations')
    .select(['id', 'kind', 'division_code'])
    .where('id', '=', organisationId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!organisation) throw notFound(translate(locale, 'caseNetwork.organisation_entity'), organisationId);
  const rules = (await ruleSetFor(trx, caseDivisionCode, shanghaiDateOf(at))).get(caseLeadRules);
  const level = levelOf(organisation.division_code) ?? 'province';
  if (rules.mayLead.some((rule) => rule.kind === organisation.kind && rule.levels.includes(level))) return;
  const separator = locale === 'en' ? '; ' : '；';
  const allowed = rules.mayLead
    .map(
      (rule) =>
        `${kindName(rule.kind, locale)} (${rule.levels.map((l) => translate(locale, `caseNetwork.level.${l}`)).join('/')})`,
    )
    .join(separator);
  const params = {
    kind: kindName(organisation.kind, locale),
    level: translate(locale, `caseNetwork.level.${level}`),
    allowed,
  };
  throw new DomainError('caseNetwork.may_not_lead', 400, params, [
    { path: `body.${field}`, code: 'caseNetwork.may_not_lead', params },
  ]);
}
