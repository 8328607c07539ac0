import { readFileSync } from 'node:fs';
import { createClient, createCluster } from 'redis';
import type { Logger } from '@bookstore/common';
import { scripts } from './scripts';
import { withDeadline } from './deadline';

export interface RedisOptions {
  /** `redis://` or `rediss://` (TLS), optionally with `user:password@`. */
  url: string;
  username?: string;
  password?: string;
  /** Cluster mode (ElastiCache cluster mode enabled): `clusterNodes` are the seed URLs. */
  cluster: boolean;
  clusterNodes: string[];
  /** PEM bundle to verify the server's certificate; the system store is used without it. */
  tlsCaPath?: string;
  /** No command waits longer than this for its reply (see deadline.ts). */
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  reconnectMaxDelayMs: number;
  logger: Logger;
}

const singleNodeClient = (options: Parameters<typeof createClient>[0]) =>
  createClient({ ...options, scripts });

type SingleNodeClient = ReturnType<typeof singleNodeClient>;

/**
 * The commands the features use. Both a single-node client and a cluster client satisfy it
 * (checked by the compiler in `createRedis`), which is what lets the same code run on both.
 * MULTI is left out on purpose: its types differ between the two, and scripts do the job.
 */
export type Redis = Pick<
  SingleNodeClient,
  | 'get'
  | 'set'
  | 'getEx'
  | 'getDel'
  | 'del'
  | 'exists'
  | 'incr'
  | 'hGetAll'
  | 'hIncrBy'
  | 'hDel'
  | 'lRange'
  | 'pTTL'
  | 'ping'
  | keyof typeof scripts
>;

export interface RedisConnection {
  redis: Redis;
  /** Connects, retrying with backoff until Redis answers; resolves once it does. */
  connect(): Promise<void>;
  mode: 'standalone' | 'cluster';
  close(): Promise<void>;
}

/** Exponential backoff with jitter, capped: Redis restarts and failovers take seconds. */
export function reconnectDelayMs(retries: number, maxDelayMs: number): number {
  return Math.min(50 * 2 ** Math.min(retries, 10), maxDelayMs) + Math.floor(Math.random() * 100);
}

export function socketOptions(options: Omit<RedisOptions, 'logger'>) {
  const tls = options.url.startsWith('rediss://') || options.tlsCaPath !== undefined;
  return {
    connectTimeout: options.connectTimeoutMs,
    // Always retry: the default gives up on socket timeouts, and a service that stops
    // reconnecting needs a restart to recover.
    reconnectStrategy: (retries: number) => reconnectDelayMs(retries, options.reconnectMaxDelayMs),
    ...(tls
      ? {
          tls: true as const,
          ca: options.tlsCaPath ? readFileSync(options.tlsCaPath, 'utf8') : undefined,
        }
      : {}),
  };
}

function shared(options: RedisOptions) {
  return {
    username: options.username,
    password: options.password,
    // While disconnected, fail at once (503) instead of queueing requests until Redis returns.
    disableOfflineQueue: true,
    // Detects connections a NAT or an idle timeout dropped without telling anyone.
    pingInterval: 10_000,
  };
}

export function createRedis(options: RedisOptions): RedisConnection {
  const { logger } = options;
  const commandOptions = { timeout: options.commandTimeoutMs };
  const reportErrors = (emitter: { on(event: 'error', listener: (err: Error) => void): unknown }) =>
    emitter.on('error', (err) => logger.warn({ err: { message: err.message, name: err.name } }, 'redis connection error'));

  if (options.cluster) {
    const cluster = createCluster({
      rootNodes: options.clusterNodes.map((url) => ({ url })),
      defaults: { ...shared(options), socket: socketOptions(options) },
      commandOptions,
      scripts,
    });
    reportErrors(cluster);
    const redis: Redis = cluster;
    return {
      redis: withDeadline(redis, { timeoutMs: options.commandTimeoutMs }),
      mode: 'cluster',
      async connect() {
        // A cluster client does not retry its first topology discovery by itself.
        for (let attempt = 0; ; attempt++) {
          try {
            await cluster.connect();
            logger.info('redis cluster connected');
            return;
          } catch (err) {
            logger.warn({ err, attempt }, 'redis cluster not reachable yet');
            await new Promise((r) => setTimeout(r, reconnectDelayMs(attempt, options.reconnectMaxDelayMs)));
          }
        }
      },
      close: async () => {
        if (cluster.isOpen) await cluster.close();
      },
    };
  }

  const client = singleNodeClient({
    url: options.url,
    ...shared(options),
    socket: socketOptions(options),
    commandOptions,
  });
  reportErrors(client);
  client.on('ready', () => logger.info('redis ready'));
  client.on('reconnecting', () => logger.warn('redis reconnecting'));

  let closing = false;
  // Replies stopped coming on a connection that still looks open (a hung node, a network
  // partition, a failover the socket never heard of): drop it and dial again.
  const reconnect = () => {
    if (closing || !client.isOpen) return;
    logger.warn('redis stopped answering; dropping the connection and reconnecting');
    client.destroy();
    client.connect().catch((err: unknown) => logger.error({ err }, 'redis reconnect failed'));
  };
  const redis: Redis = client;
  return {
    redis: withDeadline(redis, { timeoutMs: options.commandTimeoutMs, onStall: reconnect }),
    mode: 'standalone',
    async connect() {
      await client.connect();
    },
    async close() {
      closing = true;
      if (!client.isOpen) return;
      // close() waits for outstanding replies; a hung server would keep it waiting forever.
      const closed = client.close().then(() => true);
      const timedOut = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref());
      if (!(await Promise.race([closed, timedOut]))) client.destroy();
    },
  };
}
