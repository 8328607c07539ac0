import { createLogger, runService, shutDownGracefully } from '@bookstore/common';
import { createApp } from './app';
import { readConfig } from './config';

async function checkReady(baseUrl: string): Promise<void> {
  const res = await fetch(new URL('/readyz', baseUrl), { signal: AbortSignal.timeout(2000) });
  if (!res.ok) throw new Error(`${baseUrl} is not ready (${res.status})`);
}

function main() {
  const config = readConfig();
  const logger = createLogger('frontend', config.LOG_LEVEL);
  const app = createApp({
    logger,
    checkBackends: async () => {
      await Promise.all([checkReady(config.BACKEND_RDS_URL), checkReady(config.BACKEND_REDIS_URL)]);
    },
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT }, 'frontend listening');
  });
  shutDownGracefully({ server, logger, closers: [] });
}

runService(main);
