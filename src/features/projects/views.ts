import type { Kysely } from 'kysely';
import type { IndicatorValue, ProjectList, ProjectView } from '../../contract/projects/projects.js';
import type { ServiceCode } from '../../contract/service-matrix/vocabulary.js';
import { childInScope } from '../../core/scope/child-scope.js';
import { type Actor, hasPermission } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { projectTouches, projectVisibleTo } from './access.js';
import { recordedWorkOf } from './outputs.js';
import { countiesOf, divisionNames } from './places.js';
import {
  achievementOf,
  budgetExecution,
  countIndicators,
  indicatorValues,
  type RecordedWork,
  splitFen,
} from './rules.js';
import './messages.js';
import './tables.js';

type Db = Kysely<Database>;
const fen = (value: string | number | null) => (value === null ? null : Number(value));

async function organisationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** One project as the actor reads it: computed indicators beside the targets, budget execution, posts, evaluations. */
export async function readProject(db: Db, actor: Actor, id: string, now = new Date()): Promise<ProjectView> {
  const project = await db
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', id)
    .where(projectVisibleTo(actor))
    .executeTakeFirst();
  if (!project) throw notFound(translate(actor.locale, 'projects.entity'), id);
  const today = shanghaiDateOf(now);
  const targets = await db
    .selectFrom('project_indicators')
    .select(['kind', 'target'])
    .where('project_id', '=', id)
    .execute();
  const work = await recordedWorkOf(db, project.provider_org_id, {
    startsOn: project.starts_on,
    endsOn: project.ends_on,
  });
  const frame = {
    projectId: project.id,
    startsOn: project.starts_on,
    endsOn: project.ends_on,
    areaCodes: project.area_codes,
  };
  const payments = await db
    .selectFrom('project_payments')
    .selectAll()
    .where('project_id', '=', id)
    .orderBy('instalment')
    .execute();
  const posts = await db
    .selectFrom('project_posts')
    .selectAll()
    .where('project_id', '=', id)
    .orderBy('starts_on')
    .execute();
  const evaluations = await db
    .selectFrom('project_evaluations')
    .selectAll()
    .where('project_id', '=', id)
    .orderBy('evaluated_on')
    .execute();
  const names = await organisationNames(db, [
    project.purchaser_org_id,
    project.provider_org_id,
    ...posts.map((p) => p.host_org_id),
  ]);
  const areas = await divisionNames(db, project.area_codes);
  const paymentViews = payments.map((p) => ({
    instalment: p.instalment,
    dueOn: String(p.due_on),
    plannedFen: Number(p.planned_fen),
    paidFen: fen(p.paid_fen),
    paidOn: p.paid_on ? String(p.paid_on) : null,
    voucher: p.voucher,
    version: p.version,
  }));
  const org = (orgId: string) => ({ id: orgId, name: names.get(orgId) ?? '—' });
  return {
    id: project.id,
    title: project.title,
    contractNumber: project.contract_number,
    purchaser: org(project.purchaser_org_id),
    provider: org(project.provider_org_id),
    startsOn: String(project.starts_on),
    endsOn: String(project.ends_on),
    areas: project.area_codes.map((code) => ({ code, name: areas.get(code) ?? code })),
    services: project.services as ServiceCode[],
    indicators: indicatorValues(targets, countIndicators(work, frame, today)),
    payments: paymentViews,
    budget: budgetExecution(Number(project.budget_fen), paymentViews, today),
    posts: posts.map((p) => ({
      id: p.id,
      personName: p.person_name,
      host: org(p.host_org_id),
      startsOn: String(p.starts_on),
      endsOn: String(p.ends_on),
    })),
    evaluations: evaluations.map((e) => ({
      stage: e.stage,
      evaluatedOn: String(e.evaluated_on),
      indicators: e.indicators as IndicatorValue[],
      findings: e.findings,
      reply: e.reply,
      repliedAt: e.replied_at ? new Date(e.replied_at).toISOString() : null,
      version: e.version,
    })),
    version: project.version,
    mayManage:
      hasPermission(actor, 'projects.manage') &&
      (actor.kind === 'system' || project.purchaser_org_id === actor.organisationId),
    mayReply: hasPermission(actor, 'projects.deliver') && project.provider_org_id === actor.organisationId,
  };
}

/**
 * The projects the actor sees (optionally those touching one county), each with its computed
 * achievement and payments, and the providers compared across them.
 */
export async function listProjects(
  db: Db,
  actor: Actor,
  query: { county?: string },
  now = new Date(),
): Promise<ProjectList> {
  const today = shanghaiDateOf(now);
  let select = db.selectFrom('projects').selectAll().where(projectVisibleTo(actor));
  if (query.county) {
    const county = query.county;
    select = select.where(projectTouches(`${county}000000`));
  }
  const projects = await select.orderBy('starts_on', 'desc').execute();
  const ids = projects.map((p) => p.id);
  const targets =
    ids.length === 0
      ? []
      : await db
          .selectFrom('project_indicators')
          .select(['project_id', 'kind', 'target'])
          .where('project_id', 'in', ids)
          .execute();
  const paid =
    ids.length === 0
      ? []
      : await db
          .selectFrom('project_payments')
          .select(['project_id', 'paid_fen'])
          .where('project_id', 'in', ids)
          .execute();
  const names = await organisationNames(
    db,
    projects.flatMap((p) => [p.purchaser_org_id, p.provider_org_id]),
  );
  const work = new Map<string, RecordedWork>();
  for (const providerId of new Set(projects.map((p) => p.provider_org_id)))
    work.set(providerId, await recordedWorkOf(db, providerId));
  const summaries = projects.map((p) => {
    const indicators = indicatorValues(
      targets.filter((t) => t.project_id === p.id),
      countIndicators(
        work.get(p.provider_org_id)!,
        { projectId: p.id, startsOn: p.starts_on, endsOn: p.ends_on, areaCodes: p.area_codes },
        today,
      ),
    );
    return {
      id: p.id,
      title: p.title,
      purchaser: { id: p.purchaser_org_id, name: names.get(p.purchaser_org_id) ?? '—' },
      provider: { id: p.provider_org_id, name: names.get(p.provider_org_id) ?? '—' },
      startsOn: String(p.starts_on),
      endsOn: String(p.ends_on),
      areaCodes: p.area_codes,
      budgetFen: Number(p.budget_fen),
      paidFen: paid.filter((x) => x.project_id === p.id).reduce((sum, x) => sum + Number(x.paid_fen ?? 0), 0),
      achievementPercent: achievementOf(indicators),
      indicators,
    };
  });
  const providers = [...new Set(summaries.map((s) => s.provider.id))].map((providerId) => {
    const held = summaries.filter((s) => s.provider.id === providerId);
    const scored = held.map((s) => s.achievementPercent).filter((a): a is number => a !== null);
    return {
      provider: held[0]!.provider,
      projects: held.length,
      budgetFen: held.reduce((sum, s) => sum + s.budgetFen, 0),
      paidFen: held.reduce((sum, s) => sum + s.paidFen, 0),
      achievementPercent: scored.length === 0 ? null : Math.floor(scored.reduce((a, b) => a + b, 0) / scored.length),
    };
  });
  return { projects: summaries, providers };
}

/**
 * Purchased-service budget per child in difficulty, by county of the actor's jurisdiction: a
 * project's budget is split evenly (in whole fen) over the counties of its area; children are the
 * active children on the register the actor sees there.
 */
export async function budgetByCounty(db: Db, actor: Actor) {
  const jurisdiction = actor.childJurisdiction ?? actor.jurisdiction;
  const counties = await countiesOf(db, jurisdiction);
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
  const budget = new Map<string, number>();
  const projects = await db
    .selectFrom('projects')
    .select(['area_codes', 'budget_fen'])
    .where(projectVisibleTo(actor))
    .execute();
  for (const project of projects) {
    const over = await countiesOf(db, project.area_codes);
    if (over.length === 0) continue;
    splitFen(Number(project.budget_fen), over.length).forEach((share, i) => {
      const code = over[i]!.code;
      budget.set(code, (budget.get(code) ?? 0) + share);
    });
  }
  return {
    rows: counties.map(({ code, name }) => {
      const n = childrenOf.get(code.slice(0, 6)) ?? 0;
      const fenTotal = budget.get(code) ?? 0;
      return { code, name, children: n, budgetFen: fenTotal, fenPerChild: n === 0 ? null : Math.floor(fenTotal / n) };
    }),
  };
}
