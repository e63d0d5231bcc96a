import { sql, type Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { OrganisationKind } from '../contract/organisations/kinds.js';

/** J city of the study: 荆州市 (Jingzhou), Hubei. Real division codes (2023); fictional contacts. */
export const jingzhou = {
  city: '421000000000',
  shashi: '421002000000',
  gongan: '421022000000',
  cenhe: '421002101000',
  zhongshan: '421002001000',
  buhe: '421022100000',
  doudi: '421022101000',
  chenlong: '421002101201',
  shakou: '421002101204',
  nongli: '421022100201',
  heyi: '421022100206',
} as const;

interface OrganisationSeed {
  key: string;
  name: string;
  kind: OrganisationKind;
  division: string;
  parent?: string;
  beds?: number;
  services?: string[];
  contact?: { name: string; role: string; phone: string };
}

export const demoOrganisations: OrganisationSeed[] = [
  {
    key: 'cityCivilAffairs',
    name: '荆州市民政局',
    kind: 'civil_affairs_bureau',
    division: jingzhou.city,
    services: ['儿童福利', '困境儿童保障', '联席会议办公室'],
    contact: { name: '刘建华', role: '儿童福利科科长', phone: '0716-8000001' },
  },
  {
    key: 'rescueStation',
    name: '荆州市救助管理站',
    kind: 'rescue_station',
    division: jingzhou.city,
    parent: 'cityCivilAffairs',
    beds: 60,
    services: ['临时救助', '护送返乡'],
  },
  {
    key: 'protectionCentre',
    name: '荆州市未成年人救助保护中心',
    kind: 'minor_protection_centre',
    division: jingzhou.city,
    parent: 'cityCivilAffairs',
    beds: 40,
    services: ['临时监护', '心理疏导', '基层培训'],
  },
  {
    key: 'welfareHome',
    name: '荆州市儿童福利院',
    kind: 'child_welfare_home',
    division: jingzhou.city,
    parent: 'cityCivilAffairs',
    beds: 120,
    services: ['长期监护', '康复', '特殊教育'],
  },
  {
    key: 'procuratorate',
    name: '荆州市人民检察院',
    kind: 'procuratorate',
    division: jingzhou.city,
    services: ['未成年人检察', '检察建议'],
  },
  {
    key: 'womensFederation',
    name: '荆州市妇女联合会',
    kind: 'womens_federation',
    division: jingzhou.city,
    services: ['12338 热线', '家庭教育指导'],
  },
  {
    key: 'youthLeague',
    name: '共青团荆州市委员会',
    kind: 'youth_league',
    division: jingzhou.city,
    services: ['12355 青少年服务台', '志愿服务'],
  },
  {
    key: 'socialWorkA',
    name: '荆州市童心社会工作服务中心',
    kind: 'social_work_organisation',
    division: jingzhou.city,
    services: ['个案管理', '心理辅导', '监护评估'],
  },
  {
    key: 'socialWorkB',
    name: '荆州市启航社会工作服务社',
    kind: 'social_work_organisation',
    division: jingzhou.gongan,
    services: ['留守儿童关爱', '家庭教育'],
  },
  {
    key: 'charity',
    name: '荆州市慈善总会',
    kind: 'charity',
    division: jingzhou.city,
    services: ['助学金', '大病救助'],
  },
  {
    key: 'shashiCivilAffairs',
    name: '荆州市沙市区民政局',
    kind: 'civil_affairs_bureau',
    division: jingzhou.shashi,
    parent: 'cityCivilAffairs',
  },
  {
    key: 'gonganCivilAffairs',
    name: '公安县民政局',
    kind: 'civil_affairs_bureau',
    division: jingzhou.gongan,
    parent: 'cityCivilAffairs',
  },
  {
    key: 'shashiPolice',
    name: '荆州市公安局沙市区分局',
    kind: 'police',
    division: jingzhou.shashi,
    services: ['110 接处警'],
  },
  { key: 'gonganPolice', name: '公安县公安局', kind: 'police', division: jingzhou.gongan, services: ['110 接处警'] },
  { key: 'cenheTownship', name: '沙市区岑河镇人民政府', kind: 'township_government', division: jingzhou.cenhe },
  { key: 'zhongshanStreet', name: '沙市区中山街道办事处', kind: 'township_government', division: jingzhou.zhongshan },
  { key: 'buheTownship', name: '公安县埠河镇人民政府', kind: 'township_government', division: jingzhou.buhe },
  { key: 'douhudiTownship', name: '公安县斗湖堤镇人民政府', kind: 'township_government', division: jingzhou.doudi },
  {
    key: 'chenlongVillage',
    name: '岑河镇陈龙村村民委员会',
    kind: 'village_committee',
    division: jingzhou.chenlong,
    parent: 'cenheTownship',
  },
  {
    key: 'shakouVillage',
    name: '岑河镇沙口村村民委员会',
    kind: 'village_committee',
    division: jingzhou.shakou,
    parent: 'cenheTownship',
  },
  {
    key: 'nongliVillage',
    name: '埠河镇农利村村民委员会',
    kind: 'village_committee',
    division: jingzhou.nongli,
    parent: 'buheTownship',
  },
  {
    key: 'heyiVillage',
    name: '埠河镇合意村村民委员会',
    kind: 'village_committee',
    division: jingzhou.heyi,
    parent: 'buheTownship',
  },
  { key: 'school', name: '沙市区岑河镇中心小学', kind: 'school', division: jingzhou.cenhe },
  { key: 'hospital', name: '公安县人民医院', kind: 'hospital', division: jingzhou.gongan },
];

export async function seedDemoOrganisations(trx: Transaction<Database>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const seed of demoOrganisations) {
    const row = await trx
      .insertInto('organisations')
      .values({
        name: seed.name,
        kind: seed.kind,
        division_code: seed.division,
        parent_id: seed.parent ? (ids.get(seed.parent) ?? null) : null,
        bed_capacity: seed.beds ?? null,
        services: seed.services ?? [],
        contacts: JSON.stringify(seed.contact ? [seed.contact] : []),
        // The demo's bodies existed long before it was installed: insight counts organisations from here.
        created_at: sql<Date>`now() - interval '2 years'`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(seed.key, row.id);
  }
  await trx
    .insertInto('lead_agencies')
    .values([
      {
        division_code: jingzhou.city,
        organisation_id: ids.get('cityCivilAffairs')!,
        valid_from: '2024-01-01',
        note: '市民政局牵头（未成年人保护工作协调机制办公室）',
      },
      {
        division_code: jingzhou.shashi,
        organisation_id: ids.get('shashiCivilAffairs')!,
        valid_from: '2024-01-01',
        note: null,
      },
      {
        division_code: jingzhou.gongan,
        organisation_id: ids.get('gonganCivilAffairs')!,
        valid_from: '2024-01-01',
        note: null,
      },
    ])
    .execute();
  return ids;
}
