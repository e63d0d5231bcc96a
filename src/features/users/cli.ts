import type { Command } from 'commander';
import { systemActor } from '../../platform/access/actor.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { withDatabase } from '../../platform/cli/with-database.js';
import { normaliseDivisionCode } from '../../core/places.js';
import { decideRoleGrant, listPendingRoleGrants } from './role-grant-decisions.js';
import { createUser } from './service.js';

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('staff accounts');
  users
    .command('create-admin')
    .description('create a system administrator (and, if needed, the organisation that administers Haven)')
    .requiredOption('--username <name>', 'sign-in name')
    .option('--name <display>', 'real name shown in the audit log', '系统管理员')
    .option(
      '--division <code>',
      'division the administrator works in (12 digits, or 2/4/6 for province/city/county)',
      '420000000000',
    )
    .option('--password <password>', 'temporary password (default: generated); must be changed at first sign-in')
    .action((options: { username: string; name: string; division: string; password?: string }) =>
      withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        const division = normaliseDivisionCode(options.division);
        if (!division)
          throw new Error(
            `--division ${options.division} is not a division code (12 digits, or 2/4/6 digits for a province/city/county).`,
          );
        const actor = systemActor('cli');
        const existing = await db
          .selectFrom('organisations')
          .select('id')
          .where('kind', '=', 'civil_affairs_bureau')
          .where('division_code', '=', division)
          .executeTakeFirst();
        const organisationId =
          existing?.id ??
          (
            await unitOfWork(db, actor, 'organisations.create', async ({ trx, audit }) => {
              const row = await trx
                .insertInto('organisations')
                .values({ name: 'Haven 系统管理', kind: 'civil_affairs_bureau', division_code: division })
                .returning('id')
                .executeTakeFirstOrThrow();
              audit({ entityType: 'organisation', entityId: row.id });
              return row.id;
            })
          ).result;
        const created = await createUser(db, actor, {
          username: options.username,
          displayName: options.name,
          organisationId,
          jurisdictionCode: division,
          roles: ['system_admin'],
          temporaryPassword: options.password,
        });
        console.log(`Administrator ${options.username} created. Temporary password: ${created.temporaryPassword}`);
        console.log('It must be changed at the first sign-in.');
      }),
    );
  users
    .command('grants')
    .description("open requests to grant roles that read children's files")
    .action(() =>
      withDatabase(async ({ db }) => {
        const grants = await listPendingRoleGrants(db, systemActor('cli'));
        if (grants.length === 0) console.log('No open role grant requests.');
        for (const grant of grants)
          console.log(
            `${grant.id}  ${grant.username.padEnd(20)} ${grant.roleCode.padEnd(22)} requested by ${grant.requestedBy} at ${grant.requestedAt}`,
          );
      }),
    );
  users
    .command('approve-grant')
    .description(
      'approve a role grant as the operator (e.g. the first civil affairs officer of a new installation); audited',
    )
    .argument('<id>', 'the request id (see `users grants`)')
    .action((id: string) =>
      withDatabase(async ({ db }) => {
        await decideRoleGrant(db, systemActor('cli'), id, 'approved');
        console.log(`Role grant ${id} approved.`);
      }),
    );
}
