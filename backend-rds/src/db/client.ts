import { readFileSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import { readReplicas } from '@prisma/extension-read-replicas';
import { DATABASE_CONNECT_TIMEOUT_DEFAULT_MS } from '../config';
import { PrismaClient } from '../generated/prisma/client';

export { PrismaClient };
export type { Prisma } from '../generated/prisma/client';

export interface DatabaseOptions {
  url: string;
  /** Connections this process may hold. Size it against RDS max_connections (docs/). */
  poolSize: number;
  /**
   * DATABASE_CONNECT_TIMEOUT_MS: how long a query waits for a connection, new or pooled,
   * before failing (a 503). Scripts and tests that leave it out get the service default.
   */
  connectTimeoutMs?: number;
  /** PEM bundle to verify the server certificate (RDS: the AWS global bundle). */
  caCertPath?: string;
  replicaUrls?: string[];
}

function adapterFor(url: string, options: DatabaseOptions) {
  return new PrismaPg({
    connectionString: url,
    max: options.poolSize,
    // Fail fast instead of queueing forever when the pool is exhausted or the network is gone:
    // a stopped server refuses at once, but a security group that drops packets stays silent.
    connectionTimeoutMillis: options.connectTimeoutMs ?? DATABASE_CONNECT_TIMEOUT_DEFAULT_MS,
    idleTimeoutMillis: 30_000,
    ssl: options.caCertPath ? { ca: readFileSync(options.caCertPath, 'utf8') } : undefined,
  });
}

export function createPrismaClient(options: DatabaseOptions): PrismaClient {
  return new PrismaClient({ adapter: adapterFor(options.url, options) });
}

/**
 * The primary takes every write and everything read inside a transaction. Catalog, search
 * and recommendation reads go to `reader`: the RDS read replicas when DATABASE_REPLICA_URLS
 * is set (through Prisma's read-replicas extension), else the primary itself.
 */
export interface Database {
  primary: PrismaClient;
  reader: PrismaClient;
  disconnect(): Promise<void>;
}

export function createDatabase(options: DatabaseOptions): Database {
  const primary = createPrismaClient(options);
  const replicas = (options.replicaUrls ?? []).map(
    (url) => new PrismaClient({ adapter: adapterFor(url, options) }),
  );
  if (replicas.length === 0) {
    return { primary, reader: primary, disconnect: () => primary.$disconnect() };
  }
  const routed = primary.$extends(readReplicas({ replicas }));
  return {
    primary,
    // $replica() picks one replica at random per query; its type is the plain client's.
    reader: routed.$replica() as unknown as PrismaClient,
    disconnect: async () => {
      await Promise.all([primary.$disconnect(), ...replicas.map((r) => r.$disconnect())]);
    },
  };
}
