import type { Transaction } from 'kysely';
import { childDataPermissions } from '../platform/access/permissions.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Database } from '../platform/db/schema.js';
import { builtinRoles } from '../features/users/builtin-roles.js';
import { jingzhou } from './jingzhou-organisations.js';
import type { DemoSeedContext } from '../platform/seed.js';

interface PersonSeed {
  username: string;
  name: string;
  phone: string;
  organisation: string;
  jurisdiction?: string;
  role: string;
}

/** One fictional person for every built-in role, plus a second county officer to show scope. */
export const demoPeople: PersonSeed[] = [
  {
    username: 'admin',
    name: '系统管理员',
    phone: '13900000000',
    organisation: 'cityCivilAffairs',
    role: 'system_admin',
  },
  {
    username: 'officer.shashi',
    name: '王丽华',
    phone: '13971600001',
    organisation: 'shashiCivilAffairs',
    role: 'civil_affairs_officer',
  },
  {
    username: 'officer.gongan',
    name: '陈志强',
    phone: '13971600002',
    organisation: 'gonganCivilAffairs',
    role: 'civil_affairs_officer',
  },
  {
    username: 'officer.city',
    name: '刘建华',
    phone: '13971600003',
    organisation: 'cityCivilAffairs',
    role: 'civil_affairs_officer',
  },
  {
    username: 'supervisor.cenhe',
    name: '张秀英',
    phone: '13971600004',
    organisation: 'cenheTownship',
    role: 'township_supervisor',
  },
  {
    username: 'director.chenlong',
    name: '李桂兰',
    phone: '13971600005',
    organisation: 'chenlongVillage',
    role: 'village_director',
  },
  {
    username: 'director.nongli',
    name: '周美珍',
    phone: '13971600006',
    organisation: 'nongliVillage',
    role: 'village_director',
  },
  {
    username: 'staff.centre',
    name: '黄晓燕',
    phone: '13971600007',
    organisation: 'protectionCentre',
    role: 'institution_staff',
  },
  {
    username: 'police.shashi',
    name: '赵国栋',
    phone: '13971600008',
    organisation: 'shashiPolice',
    role: 'police_officer',
  },
  { username: 'prosecutor', name: '孙明', phone: '13971600009', organisation: 'procuratorate', role: 'prosecutor' },
  {
    username: 'hotline.12338',
    name: '吴静',
    phone: '13971600010',
    organisation: 'womensFederation',
    role: 'hotline_operator',
  },
  {
    username: 'socialworker',
    name: '郑晓雯',
    phone: '13971600011',
    organisation: 'socialWorkA',
    role: 'social_worker',
  },
  { username: 'charity', name: '冯立新', phone: '13971600012', organisation: 'charity', role: 'charity_coordinator' },
  {
    username: 'reporter.school',
    name: '何老师',
    phone: '13971600013',
    organisation: 'school',
    role: 'mandated_reporter',
  },
  { username: 'analyst', name: '朱文博', phone: '13971600014', organisation: 'cityCivilAffairs', role: 'analyst' },
  { username: 'auditor', name: '许清', phone: '13971600015', organisation: 'cityCivilAffairs', role: 'auditor' },
];

export function demoUserNeedsTotp(role: string): boolean {
  const permissions = builtinRoles.find((r) => r.code === role)?.permissions ?? [];
  return permissions.some((p) => childDataPermissions.includes(p));
}

/** Every demo person, with this installation's password and, where the role needs one, a secret. */
export async function seedDemoPeople(
  trx: Transaction<Database>,
  organisations: Map<string, string>,
  context: DemoSeedContext,
): Promise<void> {
  const passwordHash = await hashPassword(context.credentials.password);
  const divisions = await trx.selectFrom('organisations').select(['id', 'division_code']).execute();
  const divisionOf = new Map(divisions.map((d) => [d.id, d.division_code]));
  for (const person of demoPeople) {
    const organisationId = organisations.get(person.organisation)!;
    const totpSecret = demoUserNeedsTotp(person.role) ? context.credentials.totpSecret(person.username) : null;
    const user = await trx
      .insertInto('users')
      .values({
        username: person.username,
        display_name: person.name,
        phone: person.phone,
        organisation_id: organisationId,
        jurisdiction_code: person.jurisdiction ?? divisionOf.get(organisationId) ?? jingzhou.city,
        password_hash: passwordHash,
        must_change_password: false,
        totp_secret: totpSecret,
        totp_enabled: totpSecret !== null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_roles').values({ user_id: user.id, role_code: person.role }).execute();
    context.accounts.push({ username: person.username, totpSecret });
  }
}
