import { type ColumnType, type Generated, type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { ChildFile } from '../../contract/registry/child.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { subtreePrefix } from '../places.js';

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
  /** The parts of the child's file the grant covers; null is the whole file (see `fileAccessOf` below). */
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
 * while the grant is active changes nothing: one active row per child, organisation and basis,
 * held by a unique index (migration 0028), so two concurrent grants leave one row.
 */
export async function grantParticipation(trx: Transaction<Database>, grant: ParticipationGrant): Promise<void> {
  await trx
    .insertInto('child_participations')
    .values({
      child_id: grant.childId,
      organisation_id: grant.organisationId,
      basis: grant.basis,
      basis_id: grant.basisId,
      fields: grant.fields ? [...grant.fields] : null,
    })
    .onConflict((oc) =>
      oc.columns(['child_id', 'organisation_id', 'basis', 'basis_id']).where('ended_at', 'is', null).doNothing(),
    )
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

/*
 * Need-to-know: an organisation that sees a child only by taking part (a referral that shares some
 * parts of the file) sees only those parts. Jurisdiction, or any grant without `fields` (a case, a
 * placement), is the whole file. The parts are the referral vocabulary's: identity (always),
 * family, assessment, case_summary, documents.
 */

/** `whole`, or the parts the actor's organisation was granted (their union over its active grants). */
export type FileAccess = 'whole' | ReadonlySet<string>;

/** The access as `fileAccessColumn` returns it. */
export interface FileAccessRow {
  byPlace: boolean;
  whole: boolean;
  parts: string[] | null;
}

/**
 * What of the child's file the actor may see, as a column over the `children` row of a query that
 * already passed `childInScope` (json: `FileAccessRow`; read it with `fileAccessFrom`), so the
 * one-statement read of a file (registry) decides it in the same statement.
 */
export function fileAccessColumn(actor: Actor): RawBuilder<FileAccessRow> {
  if (actor.kind === 'system')
    return sql<FileAccessRow>`json_build_object('byPlace', true, 'whole', true, 'parts', null)`;
  const prefixes = (actor.childJurisdiction ?? actor.jurisdiction).map((code) => `${subtreePrefix(code)}%`);
  // By place the whole file is seen: the organisation's grants are read only for a child it serves.
  return sql<FileAccessRow>`CASE
    WHEN children.residence_code LIKE ANY (${prefixes}::text[]) OR children.hukou_code LIKE ANY (${prefixes}::text[])
    THEN json_build_object('byPlace', true, 'whole', true, 'parts', null)
    ELSE (SELECT json_build_object(
      'byPlace', false,
      'whole', coalesce(bool_or(p.fields IS NULL), false),
      'parts', array_agg(DISTINCT f.part) FILTER (WHERE f.part IS NOT NULL))
    FROM child_participations p LEFT JOIN LATERAL unnest(p.fields) AS f(part) ON true
    WHERE p.child_id = children.id AND p.organisation_id = ${actor.organisationId}::uuid AND p.ended_at IS NULL) END`;
}

export function fileAccessFrom(row: FileAccessRow | undefined): FileAccess {
  if (!row || row.byPlace || row.whole) return 'whole';
  return new Set(row.parts ?? []);
}

/** What of the child's file the actor may see; call only for a child already read through `childInScope`. */
export async function fileAccessOf(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  childId: string,
): Promise<FileAccess> {
  if (actor.kind === 'system') return 'whole';
  const row = await sql<{ access: FileAccessRow }>`
    SELECT ${fileAccessColumn(actor)} AS access FROM children WHERE children.id = ${childId}`.execute(db);
  // A child that is not there: no place and no grant, as before (nothing of it is shown anyway).
  return fileAccessFrom(row.rows[0]?.access ?? { byPlace: false, whole: false, parts: null });
}

/** The file with only the parts the access covers; the whole file is returned unchanged. */
export function narrowChildFile(file: ChildFile, access: FileAccess): ChildFile {
  if (access === 'whole') return file;
  const assessment = access.has('assessment');
  return {
    ...file,
    family: access.has('family') ? file.family : [],
    categories: assessment ? file.categories : [],
    entitlements: assessment ? file.entitlements : [],
    riskGrade: assessment ? file.riskGrade : null,
    health: assessment
      ? file.health
      : { disabilityType: null, disabilityGrade: null, disabilityCertificate: null, seriousIllness: null },
    householdBenefits: assessment ? file.householdBenefits : [],
    handoffNote: null,
    statusReason: null,
    mergedFiles: [],
    // A participant through a referral reads; it does not edit the file of a child it only serves.
    allowedActions: file.allowedActions.filter((action) => action === 'unmask'),
  };
}
