import { describe, expect, it } from 'vitest';
import { tunedSettings } from './embedded-server.js';

const gigabytes = 1024 ** 3;

describe('the embedded cluster settings', () => {
  it('give buffers an eighth of memory, never below the default nor above 1 GB', () => {
    expect(tunedSettings(0.5 * gigabytes).shared_buffers).toBe('128MB');
    expect(tunedSettings(4 * gigabytes).shared_buffers).toBe('512MB');
    expect(tunedSettings(24 * gigabytes).shared_buffers).toBe('1024MB');
    expect(tunedSettings(4 * gigabytes).effective_cache_size).toBe('2048MB');
  });

  it('space checkpoints out so whole-page images do not dominate the WAL', () => {
    const settings = tunedSettings(8 * gigabytes);
    expect(settings.max_wal_size).toBe('4GB');
    expect(settings.checkpoint_timeout).toBe('15min');
  });
});
