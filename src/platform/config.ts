import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const portNumber = z.coerce.number({ error: 'must be a port number from 0 to 65535' }).int('must be a port number from 0 to 65535').min(0).max(65535, 'must be a port number from 0 to 65535');

const configSchema = z.object({
  port: portNumber.default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  dataDir: z.string().min(1).default('data'),
  embeddedPgPort: portNumber.default(54329),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  bodyLimitBytes: z.coerce.number().int().min(1024).default(1_048_576),
  /** Largest ledger (台账) upload; bigger files are refused with a 413 that says the limit. */
  importLimitBytes: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  /** What an uploaded .xlsx may expand to (zip entries, their uncompressed bytes, compression ratio), checked before parsing. */
  importMaxZipEntries: z.coerce.number().int().min(10).default(1000),
  importMaxEntryBytes: z.coerce.number().int().min(1024).default(512 * 1024 * 1024),
  importMaxUncompressedBytes: z.coerce.number().int().min(1024).default(1024 * 1024 * 1024),
  importMaxCompressionRatio: z.coerce.number().min(2).default(200),
  /** Bounds while a ledger is read: shared strings (count, characters) and cells (rows × columns). */
  importMaxSharedStrings: z.coerce.number().int().min(1).default(2_000_000),
  importMaxSharedStringChars: z.coerce.number().int().min(1).default(100_000_000),
  importMaxCells: z.coerce.number().int().min(1).default(10_000_000),
  /** Heap of the worker thread that reads a ledger; a file that needs more is refused, the server lives on. */
  importWorkerMemoryMb: z.coerce.number().int().min(16).default(512),
  /** Ledgers read at once (each in its own worker); more wait their turn, so readers' memory stays bounded. */
  importMaxReaders: z.coerce.number().int().min(1).default(2),
  rateLimitPerMinute: z.coerce.number().int().min(1).default(600),
  jobsEnabled: z.stringbool().default(true),
  jobPollMs: z.coerce.number().int().min(50).default(1000),
  webDir: z.string().min(1).default('dist/web'),
  sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(30),
  sessionAbsoluteHours: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /** Second factor for every role that can read children's files. */
  mfaRequired: z.stringbool().default(true),
  lockoutThreshold: z.coerce.number().int().min(1).default(5),
  lockoutMinutes: z.coerce.number().int().min(1).default(15),
  ipFailureLimit: z.coerce.number().int().min(1).default(30),
  cookieSecure: z.stringbool().default(false),
});

export type Config = z.infer<typeof configSchema>;

/** Environment variable that sets each config key; the same names appear in docs/operations.md. */
export const envNames: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'HAVEN_DATA_DIR',
  embeddedPgPort: 'HAVEN_EMBEDDED_PG_PORT',
  logLevel: 'LOG_LEVEL',
  bodyLimitBytes: 'HAVEN_BODY_LIMIT_BYTES',
  importLimitBytes: 'HAVEN_IMPORT_LIMIT_BYTES',
  importMaxZipEntries: 'HAVEN_IMPORT_MAX_ZIP_ENTRIES',
  importMaxEntryBytes: 'HAVEN_IMPORT_MAX_ENTRY_BYTES',
  importMaxUncompressedBytes: 'HAVEN_IMPORT_MAX_UNCOMPRESSED_BYTES',
  importMaxCompressionRatio: 'HAVEN_IMPORT_MAX_COMPRESSION_RATIO',
  importMaxSharedStrings: 'HAVEN_IMPORT_MAX_SHARED_STRINGS',
  importMaxSharedStringChars: 'HAVEN_IMPORT_MAX_SHARED_STRING_CHARS',
  importMaxCells: 'HAVEN_IMPORT_MAX_CELLS',
  importWorkerMemoryMb: 'HAVEN_IMPORT_WORKER_MEMORY_MB',
  importMaxReaders: 'HAVEN_IMPORT_MAX_READERS',
  rateLimitPerMinute: 'HAVEN_RATE_LIMIT_PER_MINUTE',
  jobsEnabled: 'HAVEN_JOBS_ENABLED',
  jobPollMs: 'HAVEN_JOB_POLL_MS',
  webDir: 'HAVEN_WEB_DIR',
  sessionIdleMinutes: 'HAVEN_SESSION_IDLE_MINUTES',
  sessionAbsoluteHours: 'HAVEN_SESSION_ABSOLUTE_HOURS',
  mfaRequired: 'HAVEN_MFA_REQUIRED',
  lockoutThreshold: 'HAVEN_LOCKOUT_THRESHOLD',
  lockoutMinutes: 'HAVEN_LOCKOUT_MINUTES',
  ipFailureLimit: 'HAVEN_IP_FAILURE_LIMIT',
  cookieSecure: 'HAVEN_COOKIE_SECURE',
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * One parsed config: a JSON file named by HAVEN_CONFIG (keys as in `Config`), overridden by
 * environment variables. An invalid value names its variable and what is allowed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const fromFile = readConfigFile(env.HAVEN_CONFIG);
  const fromEnv: Record<string, string> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const parsed = configSchema.safeParse({ ...fromFile, ...fromEnv, ...overrides });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const name = envNames[key as keyof Config] ?? key;
      const source = key in fromEnv ? `environment variable ${name}` : `config key "${key}" (env ${name})`;
      return `${source}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration — ${lines.join('; ')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir), webDir: path.resolve(parsed.data.webDir) };
}

function readConfigFile(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`HAVEN_CONFIG points to ${file}, which cannot be read`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new ConfigError(`HAVEN_CONFIG file ${file} is not a JSON object`);
  }
}
