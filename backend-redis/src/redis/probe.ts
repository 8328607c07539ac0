import { createClient } from 'redis';
import { socketOptions, type RedisOptions } from './client';

/**
 * Opens a new connection with the service's own settings (TLS, user, password), sends one
 * PING and closes it, rejecting with the first error it meets. The service's connection
 * only says "offline" while it reconnects; a fresh one says why (refused, DNS, TLS,
 * WRONGPASS). Never retries: one attempt, bounded by `deadlineMs`.
 */
export async function probeRedis(options: Omit<RedisOptions, 'logger'>, deadlineMs: number): Promise<void> {
  const url = options.cluster ? (options.clusterNodes[0] ?? options.url) : options.url;
  const client = createClient({
    url,
    username: options.username,
    password: options.password,
    disableOfflineQueue: true,
    socket: { ...socketOptions({ ...options, url }), connectTimeout: Math.min(options.connectTimeoutMs, deadlineMs), reconnectStrategy: false },
  });
  // Errors arrive both as this event and as the rejection below; the rejection is what counts.
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(deadlineMs)), deadlineMs);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}

export class ProbeTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'ProbeTimeout';
  }
}
