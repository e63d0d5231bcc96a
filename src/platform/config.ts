import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isLoopback } from './loopback.js';

const portNumber = z.coerce
  .number({ error: 'must be a port number from 0 to 65535' })
  .int('must be a port number from 0 to 65535')
  .min(0)
  .max(65535, 'must be a port number from 0 to 65535');

const configSchema = z.object({
  port: portNumber.default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** The role that owns the schema and runs migrations; DATABASE_URL is then the application's role. */
  databaseOwnerUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Where `haven audit checkpoint` and the periodic sweep append the audit chain's head (default: <dataDir>/audit-checkpoints.jsonl). */
  auditCheckpointFile: z.string().min(1).optional(),
  dataDir: z.string().min(1).default('data'),
  embeddedPgPort: portNumber.default(54329),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  bodyLimitBytes: z.coerce.number().int().min(1024).default(1_048_576),
  /** Largest ledger (台账) upload; bigger files are refused with a 413 that says the limit. */
  importLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  /** Largest document on a child's file; bigger uploads are refused with a 413 that says the limit. */
  documentMaxBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  /** What an uploaded .xlsx may expand to (zip entries, their uncompressed bytes, compression ratio), checked before parsing. */
  importMaxZipEntries: z.coerce.number().int().min(10).default(1000),
  importMaxEntryBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024 * 1024),
  importMaxUncompressedBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024 * 1024),
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
  /** Sweeps run on multiples of this interval; processes sharing a database run each round once. */
  sweepIntervalSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(300),
  webDir: z.string().min(1).default('dist/web'),
  sessionIdleMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** How long a process may answer a session from memory (0: never); a change is heard at once by notice. */
  sessionCacheSeconds: z.coerce.number().int().min(0).max(30).default(5),
  sessionAbsoluteHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  /** Second factor for every role that can read children's files. */
  mfaRequired: z.stringbool().default(true),
  lockoutThreshold: z.coerce.number().int().min(1).default(5),
  lockoutMinutes: z.coerce.number().int().min(1).default(15),
  ipFailureLimit: z.coerce.number().int().min(1).default(30),
  /** Unset: on, unless Haven listens on loopback only (plain HTTP on this machine). */
  cookieSecure: z.stringbool().optional(),
  /** Fastify's trustProxy: `true`, a number of proxy hops, or proxy addresses/CIDRs (comma-separated). */
  trustProxy: z
    .string()
    .regex(
      /^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
      'must be true, false, a number of hops, or proxy addresses such as 127.0.0.1,10.0.0.0/8',
    )
    .default('false'),
  /** Unset: /metrics answers direct requests from this machine only. */
  metricsToken: z.string().min(16, 'must be at least 16 characters').optional(),
});

type ParsedConfig = z.infer<typeof configSchema>;
export type Config = Omit<ParsedConfig, 'cookieSecure'> & { cookieSecure: boolean };

/** Environment variable that sets each config key; the same names appear in docs/operations.md. */
export const envNames: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  databaseOwnerUrl: 'DATABASE_OWNER_URL',
  auditCheckpointFile: 'HAVEN_AUDIT_CHECKPOINT_FILE',
  dataDir: 'HAVEN_DATA_DIR',
  embeddedPgPort: 'HAVEN_EMBEDDED_PG_PORT',
  logLevel: 'LOG_LEVEL',
  bodyLimitBytes: 'HAVEN_BODY_LIMIT_BYTES',
  importLimitBytes: 'HAVEN_IMPORT_LIMIT_BYTES',
  documentMaxBytes: 'HAVEN_DOCUMENT_MAX_BYTES',
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
  sweepIntervalSeconds: 'HAVEN_SWEEP_INTERVAL_SECONDS',
  webDir: 'HAVEN_WEB_DIR',
  sessionIdleMinutes: 'HAVEN_SESSION_IDLE_MINUTES',
  sessionCacheSeconds: 'HAVEN_SESSION_CACHE_SECONDS',
  sessionAbsoluteHours: 'HAVEN_SESSION_ABSOLUTE_HOURS',
  mfaRequired: 'HAVEN_MFA_REQUIRED',
  lockoutThreshold: 'HAVEN_LOCKOUT_THRESHOLD',
  lockoutMinutes: 'HAVEN_LOCKOUT_MINUTES',
  ipFailureLimit: 'HAVEN_IP_FAILURE_LIMIT',
  cookieSecure: 'HAVEN_COOKIE_SECURE',
  trustProxy: 'HAVEN_TRUST_PROXY',
  metricsToken: 'HAVEN_METRICS_TOKEN',
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * One parsed config: a JSON file named by HAVEN_CONFIG (keys as in `Config`), overridden by
 * environment variables. An invalid value names its variable and what is allowed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ParsedConfig> = {}): Config {
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
  const dataDir = path.resolve(parsed.data.dataDir);
  return {
    ...parsed.data,
    dataDir,
    webDir: path.resolve(parsed.data.webDir),
    auditCheckpointFile: path.resolve(parsed.data.auditCheckpointFile ?? path.join(dataDir, 'audit-checkpoints.jsonl')),
    cookieSecure: parsed.data.cookieSecure ?? !isLoopback(parsed.data.host),
  };
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
