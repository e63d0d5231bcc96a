import { sql, type Kysely } from 'kysely';
import { generateSecret } from 'otplib';
import type { Database } from '../src/platform/db/schema.js';

export const provinceOfficer = 'bench.province';

/**
 * What the J-city demo lacks at province scale: a province-level officer (same password as the
 * demo accounts, a random authenticator secret kept with theirs) and a civil affairs bureau in
 * every Hubei county to lead its cases.
 */
export async function addBenchPeople(db: Kysely<Database>): Promise<Map<string, string>> {
  const totpSecret = generateSecret();
  await sql`
    INSERT INTO users (username, display_name, phone, organisation_id, jurisdiction_code, password_hash, must_change_password, totp_secret, totp_enabled)
    SELECT ${provinceOfficer}, '省厅基准测试', '13900000099', organisation_id, '420000000000', password_hash, false, ${totpSecret}, true
    FROM users WHERE username = 'officer.city'
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO demo_accounts (username, totp_secret) VALUES (${provinceOfficer}, ${totpSecret}) ON CONFLICT DO NOTHING`.execute(
    db,
  );
  await sql`
    INSERT INTO user_roles (user_id, role_code)
    SELECT id, 'civil_affairs_officer' FROM users WHERE username = ${provinceOfficer}
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`
    INSERT INTO organisations (name, kind, division_code)
    SELECT d.name || '民政局', 'civil_affairs_bureau', d.code
    FROM divisions d
    WHERE d.level = 'county' AND d.code LIKE '42%' AND d.valid_to IS NULL
      AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.division_code = d.code AND o.kind = 'civil_affairs_bureau')`.execute(
    db,
  );
  const bureaus = await sql<{ county: string; id: string }>`
    SELECT DISTINCT ON (substr(division_code, 1, 6)) substr(division_code, 1, 6) AS county, id
    FROM organisations WHERE kind = 'civil_affairs_bureau' ORDER BY substr(division_code, 1, 6), created_at`.execute(
    db,
  );
  return new Map(bureaus.rows.map((row) => [row.county, row.id]));
}
