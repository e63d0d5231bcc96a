import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('starts on the embedded database at port 3000 when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('names the variable and what is allowed when a value is invalid', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/environment variable PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT.*65535/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  it('reads a JSON file named by HAVEN_CONFIG, with the environment taking precedence', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'haven-config-'));
    const file = path.join(dir, 'haven.json');
    writeFileSync(file, JSON.stringify({ port: 4000, host: '0.0.0.0' }));
    expect(loadConfig({ HAVEN_CONFIG: file })).toMatchObject({ port: 4000, host: '0.0.0.0' });
    expect(loadConfig({ HAVEN_CONFIG: file, PORT: '5000' }).port).toBe(5000);
    writeFileSync(file, '{"port": "x"}');
    expect(() => loadConfig({ HAVEN_CONFIG: file })).toThrow(/config key "port" \(env PORT\)/);
    expect(() => loadConfig({ HAVEN_CONFIG: path.join(dir, 'missing.json') })).toThrow(/cannot be read/);
  });

  it('marks the session cookie Secure unless Haven listens on loopback only; HAVEN_COOKIE_SECURE overrides', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'haven.example.cn'])
      expect(loadConfig({ HOST: host }).cookieSecure, host).toBe(true);
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]'])
      expect(loadConfig({ HOST: host }).cookieSecure, host).toBe(false);
    expect(loadConfig({}).cookieSecure).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', HAVEN_COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(loadConfig({ HOST: '127.0.0.1', HAVEN_COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
  });

  it('reads the proxy to trust and the metrics token, refusing values that cannot be meant', () => {
    expect(loadConfig({}).trustProxy).toBe('false');
    expect(loadConfig({ HAVEN_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toBe('127.0.0.1, 10.0.0.0/8');
    expect(() => loadConfig({ HAVEN_TRUST_PROXY: 'yes please' })).toThrow(/HAVEN_TRUST_PROXY: must be true, false/);
    expect(() => loadConfig({ HAVEN_METRICS_TOKEN: 'short' })).toThrow(
      /HAVEN_METRICS_TOKEN: must be at least 16 characters/,
    );
  });
});
