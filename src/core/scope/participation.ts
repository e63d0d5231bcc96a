import { type ColumnType, type Generated, sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/*
 * Participation: an organisation outside the child's jurisdiction may see the child because it
 * works with them on some basis (a case, a referral, a placement, a purchased-service project).
 * childInScope reads the active rows; this module is the only writer of them, so every grant names
 * its basis and ending the basis ends the access it gave.
 */

export const participationBases = ['case', 'referral', 'placement', 'project'] as const;
export type ParticipationBasis = (typeof participationBases)[number];

export interface ChildParticipationsTable {
  id: Generated<string>;
  child_id: string;
  organisation_id: string;
  basis: string;
  basis_id: string | null;
  /** The parts of the child's file the grant covers; null is the whole file (reads do not narrow by it yet). */
  fields: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    child_participations: ChildParticipationsTable;
  }
}

export interface ParticipationGrant {
  childId: string;
  organisationId: string;
  basis: ParticipationBasis;
  basisId: string;
  fields?: readonly string[];
}

/**
 * Gives the organisation scope over the child on this basis. Granting again on the same basis
 * while the grant is active changes nothing: one active row per child, organisation and basis.
 */
export async function grantParticipation(trx: Transaction<Database>, grant: ParticipationGrant): Promise<void> {
  const active = await trx
    .selectFrom('child_participations')
    .select('id')
    .where('child_id', '=', grant.childId)
    .where('organisation_id', '=', grant.organisationId)
    .where('basis', '=', grant.basis)
    .where('basis_id', '=', grant.basisId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (active) return;
  await trx
    .insertInto('child_participations')
    .values({
      child_id: grant.childId,
      organisation_id: grant.organisationId,
      basis: grant.basis,
      basis_id: grant.basisId,
      fields: grant.fields ? [...grant.fields] : null,
    })
    .execute();
}

export interface ParticipationEnd {
  basis: ParticipationBasis;
  basisId: string;
  /** Only this organisation's grant; without it, every organisation's grant on the basis. */
  organisationId?: string;
  /** When the basis ended (the action's moment); the transaction's time when left out. */
  at?: Date;
}

/**
 * Ends the access the basis gave. Grants on other bases stay: an organisation working a child
 * through two cases keeps the child when one of them closes.
 */
export async function endParticipation(trx: Transaction<Database>, end: ParticipationEnd): Promise<void> {
  let query = trx
    .updateTable('child_participations')
    .set({ ended_at: end.at ?? sql<Date>`now()` })
    .where('basis', '=', end.basis)
    .where('basis_id', '=', end.basisId)
    .where('ended_at', 'is', null);
  if (end.organisationId !== undefined) query = query.where('organisation_id', '=', end.organisationId);
  await query.execute();
}
