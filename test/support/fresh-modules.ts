import { vi } from 'vitest';

/*
 * First of the setup files. Workers keep modules between files (isolate: false), but only the
 * packages under node_modules, loaded natively, are kept: Haven's own modules are loaded afresh for
 * each file, so their module-level state (registered sweeps, caches, the installation key in use)
 * starts clean, as it would in a fresh process.
 */
vi.resetModules();
