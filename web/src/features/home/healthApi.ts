import { useQuery } from '@tanstack/react-query';
import { ApiError, isRecord, requestJson } from '../../app/api/client';

export interface SystemHealth {
  status: string;
  version: string;
  database: {
    reachable: boolean;
    /** 'embedded': the PostgreSQL Haven runs itself; 'server': one named by DATABASE_URL. */
    mode: 'embedded' | 'server' | null;
    /** Name of the newest applied migration; null before the first one. */
    currentMigration: string | null;
    pendingMigrations: number;
  };
}

export class UnreadableHealthError extends Error {}

function migrationName(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

// `pending` may be a count or the list of pending migration names; both read as a count.
function pendingCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' ? value : 0;
}

export function parseHealth(body: unknown): SystemHealth {
  if (!isRecord(body) || !isRecord(body.database)) throw new UnreadableHealthError();
  const { status, version, database } = body;
  const migrations = isRecord(database.migrations) ? database.migrations : {};
  return {
    status: typeof status === 'string' ? status : 'unknown',
    version: typeof version === 'string' ? version : '-',
    database: {
      reachable: database.reachable === true,
      mode: database.mode === 'embedded' || database.mode === 'server' ? database.mode : null,
      currentMigration: migrationName(migrations.current),
      pendingMigrations: pendingCount(migrations.pending),
    },
  };
}

async function fetchHealth(signal: AbortSignal): Promise<SystemHealth> {
  try {
    return parseHealth(await requestJson('/api/health', { signal }));
  } catch (error) {
    // An unhealthy server answers 503 with the same report, which is exactly what we want to show.
    if (error instanceof ApiError && error.status === 503 && isRecord(error.body)) return parseHealth(error.body);
    throw error;
  }
}

export function useSystemHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => fetchHealth(signal),
  });
}
