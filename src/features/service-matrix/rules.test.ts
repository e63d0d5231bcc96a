import { describe, expect, it } from 'vitest';
import type { MatrixCell } from '../../contract/service-matrix/views.js';
import {
  countyReport,
  oneTeamTwoBrands,
  type ProviderOrganisation,
  resolveMatrix,
  responsibilityOf,
  type StoredVersion,
} from './rules.js';

const cell = (service: string, kind: string, responsibility: MatrixCell['responsibility']) =>
  ({ service, kind, responsibility }) as MatrixCell;
const city = '421000000000';
const shashi = '421002000000';
const gongan = '421022000000';

const versions: StoredVersion[] = [
  {
    divisionCode: '000000000000',
    version: 1,
    validFrom: '2000-01-01',
    cells: [
      cell('temporary_care', 'minor_protection_centre', 'leads'),
      cell('temporary_care', 'rescue_station', 'takes_part'),
      cell('long_term_care', 'child_welfare_home', 'leads'),
      cell('rehabilitation', 'disabled_persons_federation', 'leads'),
    ],
  },
  // J city from 2026: the welfare home also leads temporary care (as practised, seed §4.2.1).
  {
    divisionCode: city,
    version: 1,
    validFrom: '2026-01-01',
    cells: [cell('temporary_care', 'child_welfare_home', 'leads'), cell('temporary_care', 'rescue_station', 'leads')],
  },
  { divisionCode: city, version: 2, validFrom: '2027-01-01', cells: [] },
  // 公安县 sets rescue stations back to none for temporary care.
  {
    divisionCode: gongan,
    version: 1,
    validFrom: '2026-06-01',
    cells: [cell('temporary_care', 'rescue_station', 'none')],
  },
];

describe('the matrix of a place on a date', () => {
  it('cells come from the most specific division whose version is valid then; a newer version replaces the older', () => {
    const before = resolveMatrix(versions, shashi, '2025-12-31');
    expect(responsibilityOf(before, 'child_welfare_home', 'temporary_care')).toBe('none');
    expect(responsibilityOf(before, 'rescue_station', 'temporary_care')).toBe('takes_part');
    const jcity = resolveMatrix(versions, shashi, '2026-03-01');
    expect(jcity.get('temporary_care|child_welfare_home')).toMatchObject({
      responsibility: 'leads',
      fromDivision: city,
      fromVersion: 1,
    });
    expect(responsibilityOf(jcity, 'rescue_station', 'temporary_care')).toBe('leads');
    expect(responsibilityOf(resolveMatrix(versions, gongan, '2026-07-01'), 'rescue_station', 'temporary_care')).toBe(
      'none',
    );
    // City version 2 (from 2027) sets nothing: the defaults hold again.
    expect(
      responsibilityOf(resolveMatrix(versions, shashi, '2027-02-01'), 'child_welfare_home', 'temporary_care'),
    ).toBe('none');
    // Another city never reads J city's rows.
    expect(
      responsibilityOf(resolveMatrix(versions, '420100000000', '2026-03-01'), 'rescue_station', 'temporary_care'),
    ).toBe('takes_part');
  });
});

const org = (id: string, kind: ProviderOrganisation['kind'], divisionCode: string): ProviderOrganisation => ({
  id,
  name: id,
  kind,
  divisionCode,
});

describe('overlaps and gaps in a county', () => {
  const organisations = [
    org('station', 'rescue_station', city),
    org('home', 'child_welfare_home', city),
    org('centre', 'minor_protection_centre', city),
    org('dpf-shashi', 'disabled_persons_federation', shashi),
  ];

  it('two kinds leading one service, each with an organisation serving the county, is an overlap', () => {
    const report = countyReport(
      { code: shashi, name: '沙市区' },
      resolveMatrix(versions, shashi, '2026-03-01'),
      organisations,
    );
    expect(report.overlaps).toEqual([
      {
        service: 'temporary_care',
        leaders: expect.arrayContaining([
          expect.objectContaining({ kind: 'minor_protection_centre' }),
          expect.objectContaining({ kind: 'child_welfare_home' }),
          expect.objectContaining({
            kind: 'rescue_station',
            organisations: [expect.objectContaining({ id: 'station' })],
          }),
        ]),
      },
    ]);
    expect(report.gaps.map((g) => g.service)).not.toContain('rehabilitation');
  });

  it('a service nobody serving the county provides is a gap, naming the kinds expected; city-level organisations serve every county', () => {
    const report = countyReport(
      { code: gongan, name: '公安县' },
      resolveMatrix(versions, gongan, '2026-07-01'),
      organisations,
    );
    expect(report.gaps).toContainEqual({ service: 'rehabilitation', expectedKinds: ['disabled_persons_federation'] });
    expect(report.gaps.map((g) => g.service)).not.toContain('long_term_care');
    // Rescue stations lead nothing in 公安县 from June: the overlap there is the centre and the home only.
    expect(report.overlaps[0]?.leaders.map((l) => l.kind).sort()).toEqual([
      'child_welfare_home',
      'minor_protection_centre',
    ]);
    // Services nobody is given at all are gaps too (the catalogue is what a county should offer).
    expect(report.gaps.map((g) => g.service)).toContain('legal_aid');
  });
});

describe('one team, two brands', () => {
  it('organisations of different kinds in one place sharing a contact phone or person are one group; same kind or another place is not', () => {
    const groups = oneTeamTwoBrands([
      { ...org('station', 'rescue_station', city), contacts: [{ name: '王站长', phone: '0716-8123456' }] },
      { ...org('centre', 'minor_protection_centre', city), contacts: [{ name: '李主任', phone: '0716 8123456' }] },
      { ...org('home', 'child_welfare_home', city), contacts: [{ name: '李主任' }] },
      { ...org('other-home', 'child_welfare_home', shashi), contacts: [{ name: '王站长', phone: '0716-8123456' }] },
      { ...org('home-2', 'child_welfare_home', city), contacts: [{ name: '赵院长', phone: '0716-8999999' }] },
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.organisations.map((o) => o.id).sort()).toEqual(['centre', 'home', 'station']);
    expect(groups[0]!.shared).toEqual(
      expect.arrayContaining([
        { by: 'phone', value: '07168123456' },
        { by: 'contact', value: '李主任' },
      ]),
    );
  });
});
