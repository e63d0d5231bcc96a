// The payments of a project's schedule and its posts (exported through service.ts).
import type { Kysely } from 'kysely';
import type { AddPostInput, ProjectView, RecordPaymentInput } from '../../contract/projects/projects.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { type UnitOfWork, unitOfWork } from '../../platform/db/unit-of-work.js';
import { updateVersioned } from '../../platform/db/versioned-update.js';
import { conflict, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { refuse, requirePurchaser } from './guards.js';
import { readProject } from './views.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;

/** Records the payment of one instalment, in fen (once: a second payment of it is a 409). */
export async function recordPaymentIn(
  uow: UnitOfWork,
  id: string,
  instalment: number,
  input: RecordPaymentInput,
): Promise<void> {
  const { trx, actor } = uow;
  await requirePurchaser(trx, actor, id);
  const payment = await trx
    .selectFrom('project_payments')
    .select(['id', 'paid_on'])
    .where('project_id', '=', id)
    .where('instalment', '=', instalment)
    .executeTakeFirst();
  if (!payment) throw notFound(translate(actor.locale, 'projects.payment_entity'), String(instalment));
  if (payment.paid_on) throw conflict('projects.already_paid', { instalment, paidOn: String(payment.paid_on) });
  await updateVersioned(trx, {
    table: 'project_payments',
    entity: translate(actor.locale, 'projects.payment_entity'),
    id: payment.id,
    expectedVersion: input.expectedVersion,
    values: { paid_fen: input.paidFen, paid_on: input.paidOn, voucher: input.voucher ?? null },
  });
  uow.audit({ entityType: 'project', entityId: id, details: { instalment, paidFen: input.paidFen } });
}

export async function recordPayment(
  db: Db,
  actor: Actor,
  id: string,
  instalment: number,
  input: RecordPaymentInput,
): Promise<ProjectView> {
  await unitOfWork(db, actor, 'project.pay', (uow) => recordPaymentIn(uow, id, instalment, input));
  return readProject(db, actor, id);
}

/** Places a social worker of the project in a rescue station or protection centre for a period inside the project's. */
export async function addPostIn(uow: UnitOfWork, id: string, input: AddPostInput): Promise<void> {
  const { trx, actor } = uow;
  const project = await requirePurchaser(trx, actor, id);
  const host = await trx
    .selectFrom('organisations')
    .select(['id', 'kind'])
    .where('id', '=', input.hostOrganisationId)
    .executeTakeFirst();
  if (!host) throw notFound(translate(actor.locale, 'projects.organisation_entity'), input.hostOrganisationId);
  if (host.kind !== 'rescue_station' && host.kind !== 'minor_protection_centre')
    throw refuse('projects.post_host_kind', 'body.hostOrganisationId');
  if (input.startsOn < project.starts_on || input.endsOn > project.ends_on || input.endsOn < input.startsOn)
    throw refuse('projects.post_outside_period', 'body.startsOn', {
      startsOn: project.starts_on,
      endsOn: project.ends_on,
    });
  await trx
    .insertInto('project_posts')
    .values({
      project_id: id,
      person_name: input.personName,
      user_id: input.userId ?? null,
      host_org_id: host.id,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
    })
    .execute();
  uow.audit({ entityType: 'project', entityId: id, details: { post: input.personName, host: host.id } });
}

export async function addPost(db: Db, actor: Actor, id: string, input: AddPostInput): Promise<ProjectView> {
  await unitOfWork(db, actor, 'project.post', (uow) => addPostIn(uow, id, input));
  return readProject(db, actor, id);
}
