import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureManifest } from '../src/core/feature.js';
import { registeredInboxSections } from '../src/core/inbox/registry.js';
import { loadFeatures, orderManifests } from '../src/server.js';

const featuresFolder = path.resolve(import.meta.dirname, '../src/features');

describe('the composition root finds the features (src/features/<f>/feature.ts)', () => {
  it('loads one manifest per feature folder, named after its folder', async () => {
    const folders = (await readdir(featuresFolder, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const { manifests } = await loadFeatures();
    expect(manifests.map((manifest) => manifest.name).sort()).toEqual(folders);
  });

  it('keeps the order the demo and the sweeps rely on', async () => {
    const features = await loadFeatures();
    // The cases, placements, visits, referrals and benefits demos work on the registry demo's children.
    expect(features.demoSeeders.map((seeder) => seeder.name)).toEqual([
      'jingzhou',
      'jingzhou-cases',
      'jingzhou-placements',
      'jingzhou-tracing',
      'jingzhou-visits',
      'jingzhou-households',
      'jingzhou-assessments',
      'jingzhou-referrals',
      'jingzhou-matrix-reports',
      'jingzhou-case-network',
      'jingzhou-benefits',
      'jingzhou-procuratorate',
      'jingzhou-conference',
      'jingzhou-payments',
      'jingzhou-projects',
      'jingzhou-charity',
      'jingzhou-rolls',
      // A year of reports, cases and benefits after the other demos (it keeps out of their counties), before the snapshots.
      'jingzhou-history',
      'jingzhou-history-benefits',
      'jingzhou-insight',
    ]);
    // The platform's sweeps first; the counts after the registry sweeps that change what they count.
    expect(features.sweeps.map((sweep) => sweep.name)).toEqual([
      'platform.idempotency-expiry',
      'platform.job-cleanup',
      'clocks.escalate',
      'registry.age-out',
      'registry.repropose',
      'benefits.renewals',
      'benefits.basis',
      // Newly registered children get their director before their visit clocks are started.
      'grassroots.assign',
      'insight.registry-counts',
      'insight.snapshots',
      'insight.monthly-report',
      'visits.schedule',
      'visits.entrusted',
      // Risk clues from the visits and reports start assessment clocks.
      'assessments.schedule',
    ]);
    expect([...features.jobs.keys()]).toEqual(['calendar.recompute', 'ledger.commit']);
  });

  it('hands the inbox every contribution the manifests declare', async () => {
    const features = await loadFeatures();
    expect(features.inbox.length).toBeGreaterThan(0);
    expect([...registeredInboxSections()].sort()).toEqual(features.inbox.map((c) => c.section).sort());
  });

  it('orders by name, after the features a manifest names, and refuses a cycle or an unknown name', () => {
    const manifest = (name: string, after?: string[]): FeatureManifest => ({ name, ...(after ? { after } : {}) });
    expect(orderManifests([manifest('c', ['z']), manifest('a'), manifest('z')]).map((m) => m.name)).toEqual([
      'a',
      'z',
      'c',
    ]);
    expect(() => orderManifests([manifest('a', ['b']), manifest('b', ['a'])])).toThrow(/cycle/);
    expect(() => orderManifests([manifest('a', ['nowhere'])])).toThrow(/does not exist/);
  });
});
