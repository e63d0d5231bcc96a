import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { benchDataDir } from './db.js';

/** What `bench:data` built, read by `bench` to label its figures. */
export interface DataManifest {
  children: number;
  cases: number;
  openClocks: number;
  audit: number;
  visits?: number;
  placements?: number;
  referrals?: number;
  seed: string;
  asOf: string;
  seconds: number;
  figures: Record<string, { rows: number; seconds: number }>;
}

const file = () => path.join(benchDataDir, 'manifest.json');

export async function writeDataManifest(manifest: DataManifest): Promise<void> {
  await mkdir(benchDataDir, { recursive: true });
  await writeFile(file(), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readDataManifest(): Promise<DataManifest | undefined> {
  try {
    return JSON.parse(await readFile(file(), 'utf8')) as DataManifest;
  } catch {
    return undefined;
  }
}
