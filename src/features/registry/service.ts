import type { Kysely } from 'kysely';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { maskAddress, maskIdNumber, maskPhone } from '../../platform/access/masking.js';
import { recordAudit } from '../../platform/audit/append.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { type ChildListFilter, type ChildRow, findChildInScope, listChildrenInScope } from './store.js';

export interface ChildView {
  id: string;
  name: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  residenceCode: string;
  hukouCode: string | null;
  masked: boolean;
  version: number;
}

function present(row: ChildRow, unmasked: boolean): ChildView {
  return {
    id: row.id,
    name: row.name,
    sex: row.sex,
    birthDate: row.birth_date,
    idNumber: unmasked ? row.id_number : maskIdNumber(row.id_number),
    phone: unmasked ? row.phone : maskPhone(row.phone),
    address: unmasked ? row.address : maskAddress(row.address),
    residenceCode: row.residence_code,
    hukouCode: row.hukou_code,
    masked: !unmasked,
    version: row.version,
  };
}

/**
 * Opening a child's file is always audited (invariant 6), refused reads too. Identifiers are masked
 * unless the actor holds `children.unmask` and asks for them; an unmasked view is its own entry.
 */
export async function readChildFile(db: Kysely<Database>, actor: Actor, id: string, options: { unmask: boolean }): Promise<ChildView> {
  const row = await findChildInScope(db, actor, id);
  if (!row) {
    await recordAudit(db, actor, { action: 'children.read', entityType: 'child', entityId: id, outcome: 'denied', details: { reason: 'not_found_or_out_of_scope' } });
    throw notFound('child', id);
  }
  const unmasked = options.unmask && hasPermission(actor, 'children.unmask');
  await recordAudit(db, actor, { action: unmasked ? 'children.read_unmasked' : 'children.read', entityType: 'child', entityId: id, childId: id });
  return present(row, unmasked);
}

export async function listChildren(db: Kysely<Database>, actor: Actor, filter: ChildListFilter): Promise<{ items: ChildView[]; total: number }> {
  const { rows, total } = await listChildrenInScope(db, actor, filter);
  return { items: rows.map((row) => present(row, false)), total };
}
