import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import {
  bedCapacityProblem,
  chooseDefaultLead,
  type CoverageInstitution,
  coverageReport,
  createsCycle,
  leadAgencyProblem,
  leadChange,
  mayManageAt,
  nameStem,
  nextDay,
  normaliseServices,
  periodOn,
} from './rules.js';

const actor = (kind: Actor['kind'], jurisdiction: string[]) => ({ kind, jurisdiction });

describe('organisation rules', () => {
  it('asks beds of shelters only', () => {
    expect(bedCapacityProblem('rescue_station', 40)).toBeUndefined();
    expect(bedCapacityProblem('child_welfare_home', 0)).toBeUndefined();
    expect(bedCapacityProblem('minor_protection_centre', null)).toMatchObject({
      code: 'organisations.beds_required',
      field: 'bedCapacity',
    });
    expect(bedCapacityProblem('police', 5)).toMatchObject({
      code: 'organisations.beds_not_allowed',
      field: 'bedCapacity',
      params: { kind: 'police' },
    });
    expect(bedCapacityProblem('police', null)).toBeUndefined();
  });

  it('lets an actor manage inside their jurisdiction only; the system everywhere', () => {
    expect(mayManageAt(actor('user', ['421000000000']), '421002001000')).toBe(true);
    expect(mayManageAt(actor('user', ['421022000000']), '421002000000')).toBe(false);
    expect(mayManageAt(actor('user', []), '421002000000')).toBe(false);
    expect(mayManageAt(actor('user', ['not-a-code']), '421002000000')).toBe(false);
    expect(mayManageAt(actor('system', []), '110000000000')).toBe(true);
  });

  it('sees a loop through the new parent’s ancestors', () => {
    expect(createsCycle('a', 'a', ['a'])).toBe(true);
    expect(createsCycle('a', 'c', ['c', 'b', 'a'])).toBe(true);
    expect(createsCycle('a', 'c', ['c', 'b'])).toBe(false);
  });

  it('keeps each service once, trimmed', () => {
    expect(normaliseServices([' 助学 ', '助学', '心理疏导', ''])).toEqual(['助学', '心理疏导']);
  });

  it('lets only a civil affairs bureau or women-and-children committee inside the area lead', () => {
    const bureau = { kind: 'civil_affairs_bureau', divisionCode: '421022000000', active: true };
    expect(leadAgencyProblem('421022000000', bureau)).toBeUndefined();
    expect(leadAgencyProblem('421000000000', { ...bureau, kind: 'women_children_committee' })).toBeUndefined();
    expect(leadAgencyProblem('421002000000', bureau)).toMatchObject({ code: 'organisations.lead_outside_area' });
    expect(leadAgencyProblem('421022000000', { ...bureau, kind: 'police' })).toMatchObject({
      code: 'organisations.lead_kind',
    });
    expect(leadAgencyProblem('421022000000', { ...bureau, active: false })).toMatchObject({
      code: 'organisations.lead_inactive',
    });
  });

  it('falls back to the civil affairs bureau of the place, or no one when it cannot tell', () => {
    const city = { id: 'city', divisionCode: '421000000000' };
    const county = { id: 'county', divisionCode: '421022000000' };
    expect(chooseDefaultLead('421000000000', [city, county])?.id).toBe('city');
    expect(chooseDefaultLead('421022000000', [city, county])?.id).toBe('county');
    expect(chooseDefaultLead('421000000000', [county])?.id).toBe('county');
    expect(chooseDefaultLead('421000000000', [county, { id: 'other', divisionCode: '421002000000' }])).toBeUndefined();
  });

  it('adds lead decisions to the history without rewriting it', () => {
    const open = { organisationId: 'ca', validFrom: '2020-01-01', validTo: null, note: null };
    expect(leadChange(undefined, { organisationId: 'ca', validFrom: '2020-01-01', note: null })).toEqual({
      kind: 'append',
      closeLatest: false,
    });
    expect(leadChange(open, { organisationId: 'wc', validFrom: '2024-12-01', note: null })).toEqual({
      kind: 'append',
      closeLatest: true,
    });
    expect(leadChange(open, { organisationId: 'wc', validFrom: '2020-01-01', note: null })).toEqual({
      kind: 'replace_latest',
    });
    expect(leadChange(open, { organisationId: 'ca', validFrom: '2021-01-01', note: null })).toEqual({
      kind: 'unchanged',
    });
    expect(leadChange(open, { organisationId: 'wc', validFrom: '2019-01-01', note: null })).toEqual({
      kind: 'too_early',
      earliest: '2020-01-01',
    });
    const closed = { ...open, validTo: '2023-01-01' };
    expect(leadChange(closed, { organisationId: 'wc', validFrom: '2022-06-01', note: null })).toEqual({
      kind: 'too_early',
      earliest: '2023-01-01',
    });
    expect(leadChange(closed, { organisationId: 'wc', validFrom: '2023-01-01', note: null })).toEqual({
      kind: 'append',
      closeLatest: false,
    });
  });

  it('finds the period in force on a day, end exclusive', () => {
    const periods = [
      { organisationId: 'wc', validFrom: '2024-12-01', validTo: null, note: null },
      { organisationId: 'ca', validFrom: '2020-01-01', validTo: '2024-12-01', note: null },
    ];
    expect(periodOn(periods, '2024-11-30')?.organisationId).toBe('ca');
    expect(periodOn(periods, '2024-12-01')?.organisationId).toBe('wc');
    expect(periodOn(periods, '2019-12-31')).toBeUndefined();
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
  });
});

describe('coverage and "one team, two brands"', () => {
  it('reduces an institution’s name to its place', () => {
    expect(nameStem('荆州市救助管理站')).toBe('荆州');
    expect(nameStem('荆州市未成年人救助保护中心')).toBe('荆州');
    expect(nameStem('荆州 未成年人救助保护中心（挂牌）')).toBe('荆州');
    expect(nameStem('公安县儿童福利院')).toBe('公安');
  });

  const institution = (
    id: string,
    name: string,
    kind: CoverageInstitution['kind'],
    divisionCode: string,
    bedCapacity: number,
    phones: string[] = [],
  ): CoverageInstitution => ({
    id,
    name,
    kind,
    divisionCode,
    bedCapacity,
    phones,
  });

  it('counts shelters and beds per county, flags counties with none, keeps city-level ones apart', () => {
    const counties = [
      { code: '421002000000', name: '沙市区' },
      { code: '421022000000', name: '公安县' },
    ];
    const report = coverageReport(counties, [
      institution('s', '荆州市救助管理站', 'rescue_station', '421000000000', 60, ['0716-1234567']),
      institution('m', '荆州市未成年人救助保护中心', 'minor_protection_centre', '421000000000', 20, ['0716 1234567']),
      institution('h', '沙市区儿童福利院', 'child_welfare_home', '421002001000', 30),
      institution('r', '沙市区救助管理站', 'rescue_station', '421002000000', 10),
    ]);
    const shashi = report.counties.find((c) => c.code === '421002000000');
    expect(shashi).toMatchObject({ totalBeds: 40, gap: false, missingKinds: ['minor_protection_centre'] });
    expect(shashi?.kinds.child_welfare_home).toEqual({ count: 1, beds: 30 });
    expect(report.counties.find((c) => c.code === '421022000000')).toMatchObject({ gap: true, totalBeds: 0 });
    expect(report.gapCount).toBe(1);
    expect(report.cityLevel).toEqual([expect.objectContaining({ cityCode: '421000000000', totalBeds: 80 })]);
    expect(report.twoBrands).toEqual([
      expect.objectContaining({
        cityCode: '421000000000',
        stem: '荆州',
        sameDivision: true,
        sharedPhone: true,
        organisations: [expect.objectContaining({ id: 's' }), expect.objectContaining({ id: 'm' })],
      }),
    ]);
  });

  it('does not call a rescue station and a welfare home of one place two brands', () => {
    const report = coverageReport(
      [],
      [
        institution('s', '公安县救助管理站', 'rescue_station', '421022000000', 10),
        institution('h', '公安县儿童福利院', 'child_welfare_home', '421022000000', 10),
      ],
    );
    expect(report.twoBrands).toEqual([]);
    expect(report.counties).toEqual([expect.objectContaining({ code: '421022000000', name: null, totalBeds: 20 })]);
  });
});
