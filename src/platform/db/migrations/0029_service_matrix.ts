import { type Kysely, sql } from 'kysely';

/**
 * Issue 15: the responsibility matrix — per division, from a date, which organisation kind leads or
 * takes part in each service of the catalogue. A division's version lists the cells it sets; a
 * place reads, cell by cell, the most specific division that sets the cell in its version valid on
 * the date (like rule sets). Version 1 of `000000000000` (everywhere) holds the defaults drawn from
 * DOMAIN.md §3–4 (and the law: civil affairs leads, public institutions shelter, society supplements).
 * Data inline: a migration imports nothing. The city lead agency's officers gain `matrix.manage`.
 */
const defaults: Record<string, { leads: string[]; takesPart: string[] }> = {
  temporary_care: {
    leads: ['minor_protection_centre'],
    takesPart: ['rescue_station', 'child_welfare_home', 'civil_affairs_bureau', 'village_committee', 'police'],
  },
  long_term_care: { leads: ['child_welfare_home'], takesPart: ['civil_affairs_bureau'] },
  street_children_shelter: { leads: ['rescue_station'], takesPart: ['police', 'minor_protection_centre'] },
  escort_home: { leads: ['rescue_station'], takesPart: ['police', 'township_government'] },
  medical_treatment: { leads: ['health'], takesPart: ['hospital', 'civil_affairs_bureau'] },
  rehabilitation: { leads: ['disabled_persons_federation'], takesPart: ['hospital', 'child_welfare_home'] },
  psychological_counselling: {
    leads: ['social_work_organisation'],
    takesPart: ['school', 'hospital', 'womens_federation', 'youth_league'],
  },
  legal_aid: { leads: ['procuratorate'], takesPart: ['womens_federation', 'youth_league', 'court'] },
  victim_support: { leads: ['procuratorate'], takesPart: ['police', 'social_work_organisation', 'hospital'] },
  education_support: { leads: ['education'], takesPart: ['school', 'charity'] },
  cash_assistance: { leads: ['civil_affairs_bureau'], takesPart: ['charity', 'township_government'] },
  family_education_guidance: {
    leads: ['womens_federation'],
    takesPart: ['education', 'school', 'social_work_organisation', 'court'],
  },
  community_correction_follow_up: {
    leads: ['social_work_organisation'],
    takesPart: ['procuratorate', 'township_government'],
  },
  volunteer_companionship: {
    leads: ['volunteer_team'],
    takesPart: ['youth_league', 'charity', 'social_work_organisation', 'enterprise'],
  },
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE service_matrix_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      division_code text NOT NULL,
      version integer NOT NULL,
      valid_from date NOT NULL,
      note text,
      created_by uuid REFERENCES users(id),
      created_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (division_code, version)
    )`.execute(db);
  await sql`
    CREATE TABLE service_matrix_cells (
      version_id uuid NOT NULL REFERENCES service_matrix_versions(id),
      service text NOT NULL,
      kind text NOT NULL,
      responsibility text NOT NULL CHECK (responsibility IN ('leads', 'takes_part', 'none')),
      PRIMARY KEY (version_id, service, kind)
    )`.execute(db);
  const version = await sql<{ id: string }>`
    INSERT INTO service_matrix_versions (division_code, version, valid_from, note, created_label)
    VALUES ('000000000000', 1, '2000-01-01', 'DOMAIN.md §3–4', 'system:migration')
    RETURNING id`.execute(db);
  const id = version.rows[0]!.id;
  for (const [service, { leads, takesPart }] of Object.entries(defaults)) {
    for (const kind of leads)
      await sql`INSERT INTO service_matrix_cells VALUES (${id}, ${service}, ${kind}, 'leads')`.execute(db);
    for (const kind of takesPart)
      await sql`INSERT INTO service_matrix_cells VALUES (${id}, ${service}, ${kind}, 'takes_part')`.execute(db);
  }
  await sql`UPDATE roles SET permissions = array_append(permissions, 'matrix.manage') WHERE code = 'civil_affairs_officer' AND builtin AND NOT ('matrix.manage' = ANY (permissions))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE roles SET permissions = array_remove(permissions, 'matrix.manage') WHERE builtin`.execute(db);
  await sql`DROP TABLE service_matrix_cells, service_matrix_versions`.execute(db);
}
