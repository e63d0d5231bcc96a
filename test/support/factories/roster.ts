import type { OrganisationKind } from '../../../src/contract/organisations/kinds.js';
import { places } from './places.js';

/*
 * A standing cast for tests that speak of people by name ("officer.shashi signs in…"): the same
 * names, roles and real organisations of 荆州市 as the demo's people, but each made through the
 * factories only when a test first names it — no demo, no 3,000 children.
 */

export interface OrganisationSpec {
  name: string;
  kind: OrganisationKind;
  divisionCode: string;
  /** Another organisation of the roster, by key. */
  parent?: string;
}

export const rosterOrganisations = {
  cityCivilAffairs: { name: '荆州市民政局', kind: 'civil_affairs_bureau', divisionCode: places.jingzhou },
  protectionCentre: {
    name: '荆州市未成年人救助保护中心',
    kind: 'minor_protection_centre',
    divisionCode: places.jingzhou,
    parent: 'cityCivilAffairs',
  },
  rescueStation: {
    name: '荆州市救助管理站',
    kind: 'rescue_station',
    divisionCode: places.jingzhou,
    parent: 'cityCivilAffairs',
  },
  procuratorate: { name: '荆州市人民检察院', kind: 'procuratorate', divisionCode: places.jingzhou },
  womensFederation: { name: '荆州市妇女联合会', kind: 'womens_federation', divisionCode: places.jingzhou },
  socialWorkA: { name: '荆州市童心社会工作服务中心', kind: 'social_work_organisation', divisionCode: places.jingzhou },
  charity: { name: '荆州市慈善总会', kind: 'charity', divisionCode: places.jingzhou },
  shashiCivilAffairs: {
    name: '荆州市沙市区民政局',
    kind: 'civil_affairs_bureau',
    divisionCode: places.shashi,
    parent: 'cityCivilAffairs',
  },
  gonganCivilAffairs: {
    name: '公安县民政局',
    kind: 'civil_affairs_bureau',
    divisionCode: places.gongan,
    parent: 'cityCivilAffairs',
  },
  shashiPolice: { name: '荆州市公安局沙市区分局', kind: 'police', divisionCode: places.shashi },
  gonganPolice: { name: '公安县公安局', kind: 'police', divisionCode: places.gongan },
  cenheTownship: { name: '沙市区岑河镇人民政府', kind: 'township_government', divisionCode: places.cenhe },
  buheTownship: { name: '公安县埠河镇人民政府', kind: 'township_government', divisionCode: places.buhe },
  chenlongVillage: {
    name: '岑河镇陈龙村村民委员会',
    kind: 'village_committee',
    divisionCode: places.chenlong,
    parent: 'cenheTownship',
  },
  shakouVillage: {
    name: '岑河镇沙口村村民委员会',
    kind: 'village_committee',
    divisionCode: places.shakou,
    parent: 'cenheTownship',
  },
  nongliVillage: {
    name: '埠河镇农利村村民委员会',
    kind: 'village_committee',
    divisionCode: places.nongli,
    parent: 'buheTownship',
  },
  school: { name: '沙市区岑河镇中心小学', kind: 'school', divisionCode: places.cenhe },
} satisfies Record<string, OrganisationSpec>;

export type OrganisationKey = keyof typeof rosterOrganisations;

export const roster = {
  admin: { role: 'system_admin', organisation: 'cityCivilAffairs' },
  'officer.shashi': { role: 'civil_affairs_officer', organisation: 'shashiCivilAffairs' },
  'officer.gongan': { role: 'civil_affairs_officer', organisation: 'gonganCivilAffairs' },
  'officer.city': { role: 'civil_affairs_officer', organisation: 'cityCivilAffairs' },
  'supervisor.cenhe': { role: 'township_supervisor', organisation: 'cenheTownship' },
  'director.chenlong': { role: 'village_director', organisation: 'chenlongVillage' },
  'director.nongli': { role: 'village_director', organisation: 'nongliVillage' },
  'staff.centre': { role: 'institution_staff', organisation: 'protectionCentre' },
  'police.shashi': { role: 'police_officer', organisation: 'shashiPolice' },
  prosecutor: { role: 'prosecutor', organisation: 'procuratorate' },
  'hotline.12338': { role: 'hotline_operator', organisation: 'womensFederation' },
  socialworker: { role: 'social_worker', organisation: 'socialWorkA' },
  charity: { role: 'charity_coordinator', organisation: 'charity' },
  'reporter.school': { role: 'mandated_reporter', organisation: 'school' },
  analyst: { role: 'analyst', organisation: 'cityCivilAffairs' },
  auditor: { role: 'auditor', organisation: 'cityCivilAffairs' },
} satisfies Record<string, { role: string; organisation: OrganisationKey }>;

export type RosterName = keyof typeof roster;
