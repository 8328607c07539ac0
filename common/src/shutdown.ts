import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** Closed after the server stops accepting requests (database pools, clients). */
  closers: Array<() => Promise<unknown>>;
  /** After this long, give up waiting for open requests and exit anyway. */
  graceMs?: number;
}

/**
 * On SIGTERM (docker stop, ECS, an ALB draining a target) or SIGINT: stop accepting
 * connections, let requests in flight finish, close dependencies, exit 0. A second signal
 * or the grace period running out forces the exit.
 */
export function shutDownGracefully({ server, logger, closers, graceMs = 10_000 }: ShutdownOptions) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('grace period over, exiting with requests still open');
      process.exit(1);
    }, graceMs);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    for (const close of closers) {
      try {
        await close();
      } catch (err) {
        logger.error({ err }, 'error while closing a dependency');
      }
    }
    logger.info('shut down cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
