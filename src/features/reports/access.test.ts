import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountWithRole } from '../../../test/support/accounts.js';
import { type Factories, factories, places } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { errorOf, type ApiSession } from '../../../test/support/session.js';
import { childDataPermissions } from '../../platform/access/permissions.js';
import { needsSecondFactor } from '../../platform/auth/load-actor.js';
import { builtinRoles } from '../users/builtin-roles.js';
import { reportReadPermissions } from './access.js';

// Issue 12: every user of a receiving organisation read reports, whatever the role, with a password alone.
let server: TestServer;
let reportId: string;
let fileId: string;
const receiving = new Map<string, ApiSession>();
let make: Factories;
// The roster's people, made by the factories (no demo). Sign-in is rate-limited: each signs in once.
const demoSessions = new Map<string, Promise<ApiSession>>();
const demo = (username: string) =>
  demoSessions.get(username) ?? demoSessions.set(username, make.signInAs(server.url, username)).get(username)!;
/** How the audit names a roster person: their display name, then the organisation. */
const labelOf = async (username: string) =>
  (
    await server.database.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).display_name;
const receivingOrganisation = '荆州市沙市区民政局';
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]).toString(
  'base64',
);

beforeAll(async () => {
  server = await startTestServer();
  make = factories(server.database.db);
  // 陈龙村's receivers (沙市区's police and civil affairs, 岑河镇, 陈龙村) and a social work organisation.
  await make.cast('police.shashi', 'officer.shashi', 'supervisor.cenhe', 'director.chenlong', 'socialworker');
  const hotline = await demo('hotline.12338');
  const response = await hotline.request('POST', '/api/reports', {
    channel: 'hotline',
    line: '12338',
    caller: { anonymous: false, name: '刘大姐', relationship: '邻居', callbackPhone: '13972100009' },
    situations: [6],
    description: '两个孩子独自在家，两天没吃饭',
    unknownChild: '陈龙村三组两名儿童',
    divisionCode: places.chenlong,
    immediateDanger: true,
    attachments: [{ fileName: 'photo.png', contentBase64: png }],
  });
  reportId = ((await response.json()) as { id: string }).id;
  const row = await server.database.db
    .selectFrom('reports')
    .select('attachment_ids')
    .where('id', '=', reportId)
    .executeTakeFirstOrThrow();
  fileId = row.attachment_ids[0]!;
}, 120_000);
afterAll(async () => server.close());

interface Seen {
  read: number;
  attachment: number;
  list: number | boolean;
  reporter: string | null;
  workList: boolean;
}

async function whatIsSeen(session: ApiSession): Promise<Seen> {
  const read = await session.request('GET', `/api/reports/${reportId}`);
  const view = read.status === 200 ? ((await read.json()) as { reporter: { name?: string } | null }) : null;
  const attachment = await session.request('GET', `/api/reports/${reportId}/attachments/${fileId}`);
  const list = await session.request('GET', '/api/reports?view=all&pageSize=100');
  const listed =
    list.status === 200
      ? ((await list.json()) as { items: { id: string }[] }).items.some((r) => r.id === reportId)
      : list.status;
  const work = (await (await session.request('GET', '/api/my-work')).json()) as {
    reportsToAcknowledge: { reportId: string }[];
  };
  return {
    read: read.status,
    attachment: attachment.status,
    list: listed,
    reporter: view?.reporter?.name ?? null,
    workList: work.reportsToAcknowledge.some((r) => r.reportId === reportId),
  };
}

describe('who in a receiving organisation reads a report', () => {
  it('every built-in role at the receiving civil affairs bureau: only roles that work reports read it, its attachment and its list entry', async () => {
    const seen: Record<string, Seen> = {};
    for (const role of builtinRoles) {
      const session = await accountWithRole(server.url, server.database.db, {
        username: `receiving.${role.code}`,
        organisationName: receivingOrganisation,
        role: role.code,
      });
      receiving.set(role.code, session);
      seen[role.code] = await whatIsSeen(session);
    }
    const expected = Object.fromEntries(
      builtinRoles.map((role) => {
        const permissions = new Set<string>(role.permissions);
        if (permissions.has('reports.receive'))
          return [role.code, { read: 200, attachment: 200, list: true, reporter: '刘大姐', workList: true }];
        // Roles that may read some reports (their own, their cases') find this one missing; the rest are refused at the door.
        const door = reportReadPermissions.some((p) => permissions.has(p)) ? 404 : 403;
        return [
          role.code,
          { read: door, attachment: door, list: door === 404 ? false : 403, reporter: null, workList: false },
        ];
      }),
    );
    expect(seen).toEqual(expected);
    for (const role of ['system_admin', 'analyst', 'auditor'])
      expect(seen[role]).toEqual({ read: 403, attachment: 403, list: 403, reporter: null, workList: false });
  });

  it('once a case works the report, its organisations read it through the case; the reporter stays with police, civil affairs receivers and the author', async () => {
    const childId = (
      await server.database.db
        .insertInto('children')
        .values({ name: '陈小东', residence_code: places.chenlong, hukou_code: places.chenlong })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const officer = await demo('officer.shashi');
    const socialWorkA = (
      await server.database.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', '荆州市童心社会工作服务中心')
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (await officer.request('POST', '/api/cases', { reportIds: [reportId], childId, participantIds: [socialWorkA] }))
        .status,
    ).toBe(201);
    const socialWorker = await demo('socialworker');
    // The prosecutor's role reads cases but does not work reports: through the case, without the reporter.
    for (const session of [socialWorker, receiving.get('prosecutor')!]) {
      const seen = await whatIsSeen(session);
      expect(seen).toEqual({ read: 200, attachment: 200, list: true, reporter: null, workList: false });
    }
    expect((await whatIsSeen(receiving.get('civil_affairs_officer')!)).reporter).toBe('刘大姐');
    expect((await whatIsSeen(await demo('hotline.12338'))).reporter).toBe('刘大姐');
    expect((await whatIsSeen(await demo('director.chenlong'))).reporter).toBeNull();
  });

  it('the demo roles of analysts, auditors and administrators hold no permission that opens a report', async () => {
    const roles = await server.database.db
      .selectFrom('roles')
      .select(['code', 'permissions'])
      .where('code', 'in', ['system_admin', 'analyst', 'auditor'])
      .execute();
    expect(roles).toHaveLength(3);
    for (const role of roles)
      expect(role.permissions.filter((p) => (reportReadPermissions as readonly string[]).includes(p))).toEqual([]);
  });

  it('every way into other people’s reports needs a second factor; a receiver who gave only the password is refused', async () => {
    const othersReports = reportReadPermissions.filter((p) => p !== 'reports.submit');
    expect(othersReports.every((p) => childDataPermissions.includes(p))).toBe(true);
    for (const role of builtinRoles) {
      const actorLike = { permissions: new Set<string>(role.permissions) };
      if (othersReports.some((p) => actorLike.permissions.has(p)))
        expect(needsSecondFactor(actorLike, true)).toBe(true);
    }
    // A receiver past their first day (an authenticator enrolled, signed in above) gives only the password.
    await demo('officer.shashi');
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer.shashi', password: (await make.as('officer.shashi')).password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(((await login.json()) as { needs: string }).needs).toBe('totp');
    for (const path of [
      `/api/reports/${reportId}`,
      `/api/reports/${reportId}/attachments/${fileId}`,
      '/api/reports?view=inbox',
    ]) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe('sign_in_incomplete');
    }
  });

  it('the author reads back what they reported, and nothing else', async () => {
    const school = await demo('reporter.school');
    const own = await school.request('POST', '/api/reports', {
      channel: 'mandated',
      knewAt: new Date().toISOString(),
      situations: [4],
      description: '学生身上多处淤青',
      unknownChild: '四年级学生',
      divisionCode: places.chenlong,
      immediateDanger: false,
    });
    const ownId = ((await own.json()) as { id: string }).id;
    expect((await school.request('GET', `/api/reports/${ownId}`)).status).toBe(200);
    expect((await school.request('GET', `/api/reports/${reportId}`)).status).toBe(404);
    expect((await school.request('GET', '/api/reports?view=inbox')).status).toBe(403);
  });

  it('every read of a report and of an attachment is audited, refusals too, without the reporter’s identity', async () => {
    const officer = await demo('officer.shashi');
    const outsider = await demo('officer.gongan');
    expect((await officer.request('GET', `/api/reports/${reportId}`)).status).toBe(200);
    expect((await officer.request('GET', `/api/reports/${reportId}/attachments/${fileId}`)).status).toBe(200);
    expect((await outsider.request('GET', `/api/reports/${reportId}`)).status).toBe(404);
    expect((await outsider.request('GET', `/api/reports/${reportId}/attachments/${fileId}`)).status).toBe(404);
    const entries = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_label', 'details'])
      .where('entity_id', '=', reportId)
      .where('action', 'in', ['reports.read', 'reports.attachment_read'])
      .where('actor_label', 'like', '%(荆州市沙市区民政局)')
      .execute();
    const officerName = await labelOf('officer.shashi');
    const byOfficer = entries.filter((e) => e.actor_label.startsWith(`${officerName} (`));
    expect(byOfficer.map((e) => `${e.action}:${e.outcome}`).sort()).toEqual([
      'reports.attachment_read:ok',
      'reports.read:ok',
    ]);
    const refused = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('entity_id', '=', reportId)
      .where('actor_label', 'like', `${await labelOf('officer.gongan')} (%`)
      .execute();
    expect(refused.map((e) => `${e.action}:${e.outcome}`).sort()).toEqual([
      'reports.attachment_read:denied',
      'reports.read:denied',
    ]);
    // The prosecutor of the receiving-organisation family above passed the door (cases.read): refused before the case, let in through it — both audited.
    const prosecutor = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('entity_id', '=', reportId)
      .where('actor_label', 'like', 'receiving.prosecutor%')
      .orderBy('id')
      .execute();
    expect(prosecutor.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'reports.read:denied',
      'reports.attachment_read:denied',
      'reports.read:ok',
      'reports.attachment_read:ok',
    ]);
    expect(JSON.stringify(entries.map((e) => e.details))).not.toContain('刘大姐');
  });
});
