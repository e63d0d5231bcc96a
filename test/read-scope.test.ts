import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { listCases } from '../src/features/cases/list.js';
import { readCase } from '../src/features/cases/view.js';
import { seesChildrenByPlace } from '../src/platform/auth/load-actor.js';
import { findChildInScope, listChildrenInScope } from '../src/features/registry/store.js';
import { reportVisibleToActor } from '../src/features/reports/access.js';
import { getAttachment, getReport, listReports } from '../src/features/reports/views.js';
import { builtinRoles } from '../src/features/users/builtin-roles.js';
import type { Actor } from '../src/platform/access/actor.js';
import { childVisibleTo } from '../src/core/scope/child-scope.js';

let database: TestDatabase;
// Cases and reports get their own database: case actions are append-only, so their worlds accumulate.
let entities: TestDatabase;
beforeAll(async () => {
  [database, entities] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => Promise.all([database.drop(), entities.drop()]));

// A small slice of 荆州市 so random draws often share ancestors: two counties × two townships × two villages.
const villages = [
  '421002001001',
  '421002001002',
  '421002002001',
  '421002002002',
  '421003001001',
  '421003001002',
  '421003002001',
  '421003002002',
];
const areas = [
  '421000000000',
  '421002000000',
  '421003000000',
  '421002001000',
  '421002002000',
  '421003001000',
  '421003002000',
  ...villages,
  '420500000000',
];

const world = fc.record({
  organisations: fc.array(fc.constantFrom(...areas), { minLength: 1, maxLength: 4 }),
  children: fc.array(
    fc.record({
      residence: fc.constantFrom(...villages),
      hukou: fc.option(fc.constantFrom(...villages), { nil: null }),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  participations: fc.array(fc.record({ org: fc.nat(), child: fc.nat(), ended: fc.boolean() }), { maxLength: 8 }),
  actors: fc.array(fc.record({ org: fc.nat(), jurisdiction: fc.constantFrom(...areas) }), {
    minLength: 1,
    maxLength: 4,
  }),
});

function actorOf(organisationId: string, jurisdiction: string): Actor {
  return {
    kind: 'user',
    userId: null,
    organisationId,
    label: 'prop',
    roles: [],
    permissions: new Set(['children.read']),
    jurisdiction: [jurisdiction],
    locale: 'zh-CN',
    ip: null,
    requestId: null,
  };
}

describe('the read scope (invariant 2)', () => {
  it('gives the same answer for a single read, a list and the reference rule, for random worlds', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { db } = database;
        await db.deleteFrom('child_participations').execute();
        await db.deleteFrom('children').execute();
        await db.deleteFrom('organisations').execute();
        const orgIds = [];
        for (const division of w.organisations) {
          orgIds.push(
            (
              await db
                .insertInto('organisations')
                .values({ name: 'org', kind: 'social_work_organisation', division_code: division })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id,
          );
        }
        const children = [];
        for (const child of w.children) {
          const row = await db
            .insertInto('children')
            .values({ name: '儿童', residence_code: child.residence, hukou_code: child.hukou })
            .returning('id')
            .executeTakeFirstOrThrow();
          children.push({
            id: row.id,
            residenceCode: child.residence,
            hukouCode: child.hukou,
            participatingOrganisations: [] as string[],
          });
        }
        for (const p of w.participations) {
          const org = orgIds[p.org % orgIds.length]!;
          const child = children[p.child % children.length]!;
          await db
            .insertInto('child_participations')
            .values({
              child_id: child.id,
              organisation_id: org,
              basis: 'test',
              // One active grant per basis (migration 0028): each generated grant is its own basis.
              basis_id: crypto.randomUUID(),
              ended_at: p.ended ? new Date() : null,
            })
            .execute();
          if (!p.ended) child.participatingOrganisations.push(org);
        }
        for (const a of w.actors) {
          const actor = actorOf(orgIds[a.org % orgIds.length]!, a.jurisdiction);
          const listed = new Set(
            (await listChildrenInScope(db, actor, { page: 1, pageSize: 1000 })).rows.map((r) => r.id),
          );
          for (const child of children) {
            const single = (await findChildInScope(db, actor, child.id)) !== undefined;
            const expected = childVisibleTo(actor, child);
            expect(single).toBe(expected);
            expect(listed.has(child.id)).toBe(expected);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

// Every entity about a child that is read by id — a case, a report, a report's attachment — for
// actors of every built-in role, in government bodies (scope by place) and in organisations that
// see a child only through its case.
const entityWorld = fc.record({
  organisations: fc.array(fc.record({ division: fc.constantFrom(...areas), government: fc.boolean() }), {
    minLength: 1,
    maxLength: 4,
  }),
  children: fc.array(
    fc.record({
      residence: fc.constantFrom(...villages),
      hukou: fc.option(fc.constantFrom(...villages), { nil: null }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  participations: fc.array(fc.record({ org: fc.nat(), child: fc.nat() }), { maxLength: 4 }),
  cases: fc.array(
    fc.record({
      child: fc.nat(),
      lead: fc.nat(),
      organisations: fc.array(fc.record({ org: fc.nat(), left: fc.boolean() }), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  reports: fc.array(
    fc.record({
      recipients: fc.array(fc.nat(), { maxLength: 3 }),
      kase: fc.option(fc.nat(), { nil: null }),
      author: fc.option(fc.nat(), { nil: null }),
      takenBy: fc.option(fc.nat(), { nil: null }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  actors: fc.array(
    fc.record({ org: fc.nat(), jurisdiction: fc.constantFrom(...areas), role: fc.constantFrom(...builtinRoles) }),
    { minLength: 1, maxLength: 4 },
  ),
});

let serial = 0;
const pick = <T>(items: readonly T[], index: number): T => items[index % items.length]!;

describe('the read scope of cases, reports and attachments (invariant 2, issue 12)', () => {
  it('single read = list membership = the reference rule, for every role, for random worlds', async () => {
    await fc.assert(
      fc.asyncProperty(entityWorld, async (w) => {
        const { db } = entities;
        const run = ++serial;
        const orgs: { id: string; kind: string }[] = [];
        for (const o of w.organisations) {
          const kind = o.government ? 'civil_affairs_bureau' : 'social_work_organisation';
          orgs.push({
            id: (
              await db
                .insertInto('organisations')
                .values({ name: `org ${run}`, kind, division_code: o.division })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id,
            kind,
          });
        }
        const users = [];
        for (const [index, a] of w.actors.entries()) {
          const org = pick(orgs, a.org);
          const row = await db
            .insertInto('users')
            .values({
              username: `prop-${run}-${index}`,
              display_name: 'prop',
              organisation_id: org.id,
              jurisdiction_code: a.jurisdiction,
              password_hash: 'x',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          users.push(row.id);
        }
        const children = [];
        for (const c of w.children) {
          const row = await db
            .insertInto('children')
            .values({ name: '儿童', residence_code: c.residence, hukou_code: c.hukou })
            .returning('id')
            .executeTakeFirstOrThrow();
          children.push({
            id: row.id,
            residenceCode: c.residence,
            hukouCode: c.hukou,
            participatingOrganisations: [] as string[],
          });
        }
        for (const p of w.participations) {
          const org = pick(orgs, p.org).id;
          const child = pick(children, p.child);
          await db
            .insertInto('child_participations')
            .values({ child_id: child.id, organisation_id: org, basis: 'test', basis_id: crypto.randomUUID() })
            .execute();
          child.participatingOrganisations.push(org);
        }
        const cases = [];
        for (const [index, c] of w.cases.entries()) {
          const child = pick(children, c.child);
          const lead = pick(orgs, c.lead).id;
          const row = await db
            .insertInto('cases')
            .values({
              case_no: `P-${run}-${index}`,
              child_id: child.id,
              division_code: child.residenceCode,
              lead_org_id: lead,
              opened_at: new Date(),
              seq: 1,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await db
            .insertInto('case_actions')
            .values({
              case_id: row.id,
              seq: 1,
              type: 'open',
              status_after: 'reported',
              payload: '{}',
              actor_label: 'prop',
              occurred_at: new Date(),
            })
            .execute();
          const working = new Map<string, boolean>([[lead, false]]);
          for (const o of c.organisations) working.set(pick(orgs, o.org).id, o.left);
          for (const [org, left] of working)
            await db
              .insertInto('case_organisations')
              .values({
                case_id: row.id,
                organisation_id: org,
                role: org === lead ? 'lead' : 'participant',
                left_at: left ? new Date() : null,
              })
              .execute();
          cases.push({
            id: row.id,
            child,
            organisations: [...working].filter(([, left]) => !left).map(([org]) => org),
          });
        }
        const reports = [];
        for (const [index, r] of w.reports.entries()) {
          const kase = r.kase === null || cases.length === 0 ? null : pick(cases, r.kase);
          const author = r.author === null ? null : pick(users, r.author);
          const takenBy = r.takenBy === null ? null : pick(users, r.takenBy);
          const file = await db
            .insertInto('stored_files')
            .values({
              sha256: 'x',
              file_name: 'photo.png',
              media_type: 'image/png',
              size_bytes: 1,
              content: Buffer.from([1]),
              purpose: 'report-attachment',
              created_by: null,
              organisation_id: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const row = await db
            .insertInto('reports')
            .values({
              ref_no: `R-P-${run}-${index}`,
              channel: 'staff',
              situations: [1],
              description: '描述',
              child_id: kase?.child.id ?? null,
              division_code: villages[0]!,
              immediate_danger: false,
              reporter: JSON.stringify({ anonymous: true }),
              reporter_user_id: author,
              created_by: takenBy,
              reported_at: new Date(),
              attachment_ids: [file.id],
              case_id: kase?.id ?? null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          // An odd draw makes the copy a matrix provider's (issue 15): it reads only until a case or while taking part.
          const copies = new Map<string, boolean>();
          for (const i of r.recipients) if (!copies.has(pick(orgs, i).id)) copies.set(pick(orgs, i).id, i % 2 === 1);
          const recipients = [...copies.keys()];
          for (const [org, provider] of copies)
            await db
              .insertInto('report_recipients')
              .values(
                provider
                  ? {
                      report_id: row.id,
                      organisation_id: org,
                      role: 'provider',
                      service: 'temporary_care',
                      sees_reporter: false,
                    }
                  : { report_id: row.id, organisation_id: org, role: 'village', sees_reporter: false },
              )
              .execute();
          reports.push({
            id: row.id,
            fileId: file.id,
            facts: {
              reporterUserId: author,
              createdBy: takenBy,
              recipientOrganisations: recipients,
              providerOrganisations: [...copies].filter(([, provider]) => provider).map(([org]) => org),
              caseOrganisations: kase?.organisations ?? [],
              caseChild: kase?.child ?? null,
            },
          });
        }
        for (const [index, a] of w.actors.entries()) {
          const org = pick(orgs, a.org);
          const actor: Actor = {
            kind: 'user',
            userId: users[index]!,
            organisationId: org.id,
            label: 'prop',
            roles: [a.role.code],
            permissions: new Set(a.role.permissions),
            jurisdiction: [a.jurisdiction],
            childJurisdiction: seesChildrenByPlace(org.kind) ? [a.jurisdiction] : [],
            locale: 'zh-CN',
            ip: null,
            requestId: null,
          };
          const listedCases = new Set(
            (await listCases(db, actor, { page: 1, pageSize: 100_000 })).items.map((c) => c.id),
          );
          for (const kase of cases) {
            const single = await readCase(db, actor, kase.id, { audit: false }).then(
              () => true,
              () => false,
            );
            const expected = childVisibleTo(actor, kase.child);
            expect(single).toBe(expected);
            expect(listedCases.has(kase.id)).toBe(expected);
          }
          const listed = new Set(
            (await listReports(db, actor, { view: 'all', page: 1, pageSize: 100_000 })).items.map((r) => r.id),
          );
          for (const report of reports) {
            const expected = reportVisibleToActor(actor, report.facts);
            const single = await getReport(db, actor, report.id).then(
              () => true,
              () => false,
            );
            const attachment = await getAttachment(db, actor, report.id, report.fileId).then(
              () => true,
              () => false,
            );
            expect({ role: a.role.code, single, attachment, listed: listed.has(report.id) }).toEqual({
              role: a.role.code,
              single: expected,
              attachment: expected,
              listed: expected,
            });
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
