import os from 'node:os';
import { elapsedMs, type Endpoint, type Logger, type StoreDiagnostics } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import { databaseTimeout, explainDatabaseFailure } from './database-failure';

/** What the diagnostics route may tell about the database: no user, no password. */
export interface DatabaseDiagnosticsSettings {
  /** APP_VERSION. */
  version: string;
  hostName: string;
  primary: Endpoint;
  replicaCount: number;
  /** DATABASE_CA_CERT_PATH is set: TLS, with the server's certificate verified against it. */
  caCertConfigured: boolean;
  /** DATABASE_CONNECT_TIMEOUT_MS: the check waits a little longer than this, never more. */
  connectTimeoutMs: number;
}

/** The host and port of a connection URL; the rest (user, password, options) is dropped. */
export function endpointOf(url: string, defaultPort: number): Endpoint {
  const parsed = new URL(url);
  return { host: decodeURIComponent(parsed.hostname), port: parsed.port ? Number(parsed.port) : defaultPort };
}

export function databaseDiagnosticsSettings(config: {
  APP_VERSION: string;
  DATABASE_URL: string;
  DATABASE_REPLICA_URLS: string[];
  DATABASE_CA_CERT_PATH?: string;
  DATABASE_CONNECT_TIMEOUT_MS: number;
}): DatabaseDiagnosticsSettings {
  return {
    version: config.APP_VERSION,
    hostName: os.hostname(),
    primary: endpointOf(config.DATABASE_URL, 5432),
    replicaCount: config.DATABASE_REPLICA_URLS.length,
    caCertConfigured: config.DATABASE_CA_CERT_PATH !== undefined,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
  };
}

class CheckTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'CheckTimeout';
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * One timed round trip to the primary that also asks the server whether this connection is
 * encrypted (`pg_stat_ssl`): the truth, not what the configuration hopes. A connection that
 * opens but never answers (a paused server) is given up after the connect timeout + 500 ms.
 */
export async function checkDatabase(
  prisma: PrismaClient,
  settings: DatabaseDiagnosticsSettings,
  log?: Logger,
): Promise<StoreDiagnostics> {
  const base = {
    kind: 'postgresql' as const,
    endpoints: [settings.primary],
    mode: null,
    replicaCount: settings.replicaCount,
  };
  const deadlineMs = settings.connectTimeoutMs + 500;
  const started = process.hrtime.bigint();
  try {
    const rows = await withDeadline(
      prisma.$queryRaw<{ ssl: boolean; version: string | null }[]>`
        SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()`,
      deadlineMs,
    );
    const latencyMs = elapsedMs(started);
    const ssl = rows[0]?.ssl ?? null;
    const detail = ssl
      ? [rows[0]?.version, settings.caCertConfigured ? 'certificate verified against DATABASE_CA_CERT_PATH' : null].filter(Boolean).join(', ')
      : null;
    return { ...base, tls: ssl, tlsDetail: detail || null, check: { ok: true, latencyMs } };
  } catch (err) {
    const latencyMs = elapsedMs(started);
    // The driver's own words (with the address it tried) go to the log, never to the answer.
    log?.warn({ err }, 'diagnostics: database check failed');
    const failure =
      err instanceof CheckTimeout
        ? databaseTimeout(settings.primary, deadlineMs)
        : await explainDatabaseFailure(err, settings.primary, settings.connectTimeoutMs);
    return {
      ...base,
      tls: null,
      tlsDetail: settings.caCertConfigured ? 'TLS requested (DATABASE_CA_CERT_PATH is set)' : 'TLS not requested (DATABASE_CA_CERT_PATH is empty)',
      check: { ok: false, latencyMs, failure },
    };
  }
}
