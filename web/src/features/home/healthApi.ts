import { type Health, healthSchema } from '@contract/health/health.js';
import { useQuery } from '@tanstack/react-query';
import { ApiError, requestParsed } from '../../app/api/client';
import { parseWithContract } from '../../app/api/contract';

export interface SystemHealth {
  status: Health['status'];
  version: string;
  database: {
    reachable: boolean;
    /** 'embedded': the PostgreSQL Haven runs itself; 'server': one named by DATABASE_URL. */
    mode: Health['database']['mode'];
    /** Name of the newest applied migration; null before the first one. */
    currentMigration: string | null;
    pendingMigrations: number;
  };
}

function systemHealth(health: Health): SystemHealth {
  const { migrations } = health.database;
  return {
    status: health.status,
    version: health.version,
    database: {
      reachable: health.database.reachable,
      mode: health.database.mode,
      currentMigration: migrations.current,
      pendingMigrations: migrations.pending.length,
    },
  };
}

async function fetchHealth(signal: AbortSignal): Promise<SystemHealth> {
  try {
    return systemHealth(await requestParsed(healthSchema, '/api/health', { signal }));
  } catch (error) {
    // An unhealthy server answers 503 with the same report, which is exactly what we want to show.
    if (error instanceof ApiError && error.status === 503)
      return systemHealth(parseWithContract(healthSchema, error.body, '/api/health (503)'));
    throw error;
  }
}

export function useSystemHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => fetchHealth(signal),
  });
}
