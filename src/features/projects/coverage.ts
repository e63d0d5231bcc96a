import type { Kysely } from 'kysely';
import type { Coverage } from '../../contract/projects/society.js';
import { socialOrganisationKinds } from '../../contract/projects/vocabulary.js';
import { serviceCodes } from '../../contract/service-matrix/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { footprintOf } from './capacity.js';
import { listIncubations } from './incubation-views.js';
import { countiesOf } from './places.js';
import './tables.js';

type Db = Kysely<Database>;

/**
 * Coverage by county (map-ready, §4.3.1's regional imbalance): children in difficulty, social
 * organisations serving the county — sitting in it or working there (referrals, participation,
 * sessions, visits, project areas) —, organisations per 10,000 children, and the catalogue's
 * services no social organisation delivered or was contracted for there; and where incubation is under way.
 */
export async function coverageByCounty(db: Db, actor: Actor): Promise<Coverage> {
  const counties = await countiesOf(db, actor.childJurisdiction ?? actor.jurisdiction);
  const children = await db
    .selectFrom('children')
    .select((eb) => [
      eb.fn<string>('left', ['children.residence_code', eb.val(6)]).as('county'),
      eb.fn.countAll<string>().as('n'),
    ])
    .where(childInScope(actor))
    .where('children.status', '=', 'active')
    .groupBy('county')
    .execute();
  const childrenOf = new Map(children.map((row) => [row.county, Number(row.n)]));
  const organisations = await db
    .selectFrom('organisations')
    .select(['id', 'division_code'])
    .where('kind', 'in', [...socialOrganisationKinds])
    .where('active', '=', true)
    .execute();
  const serving = new Map<string, Set<string>>();
  const services = new Map<string, Set<string>>();
  for (const organisation of organisations) {
    const footprint = await footprintOf(db, organisation.id);
    const here = new Set(footprint.counties);
    if (organisation.division_code.slice(4, 6) !== '00')
      here.add(organisation.division_code.slice(0, 6).padEnd(12, '0'));
    for (const county of here) serving.set(county, (serving.get(county) ?? new Set()).add(organisation.id));
    for (const [county, delivered] of footprint.servicesByCounty) {
      const set = services.get(county) ?? new Set<string>();
      for (const s of delivered) set.add(s);
      services.set(county, set);
    }
  }
  const { countiesIncubating } = await listIncubations(db, actor);
  const incubatingIn = new Map(countiesIncubating.map((county) => [county.code, county.incubating]));
  const rows = counties.map(({ code, name }) => {
    const n = childrenOf.get(code.slice(0, 6)) ?? 0;
    const count = serving.get(code)?.size ?? 0;
    return {
      code,
      name,
      children: n,
      organisations: count,
      per10k: n === 0 ? null : Math.round((count * 100_000) / n) / 10,
      servicesWithoutProvider: serviceCodes.filter((s) => !services.get(code)?.has(s)),
      incubating: incubatingIn.get(code) ?? 0,
    };
  });
  return {
    rows,
    countiesWithNone: rows.filter((r) => r.organisations === 0).map(({ code, name }) => ({ code, name })),
    countiesIncubating,
  };
}
