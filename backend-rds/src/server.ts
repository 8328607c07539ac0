import { createLogger, runService, shutDownGracefully } from '@bookstore/common';
import { readConfig } from './config';
import { createApp } from './app';
import { createDatabase } from './db/client';
import { TestPaymentProvider } from './payments/test-provider';

function main() {
  const config = readConfig();
  const logger = createLogger('backend-rds', config.LOG_LEVEL);
  const db = createDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    caCertPath: config.DATABASE_CA_CERT_PATH,
    replicaUrls: config.DATABASE_REPLICA_URLS,
  });
  const app = createApp({
    db,
    payments: new TestPaymentProvider(),
    logger,
    serviceToken: config.SERVICE_TOKEN,
    clock: () => new Date(),
    orderTransactionTimeoutMs: config.ORDER_TRANSACTION_TIMEOUT_MS,
    orderConcurrency: config.ORDER_CONCURRENCY,
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info(
      { port: config.PORT, replicas: config.DATABASE_REPLICA_URLS.length },
      'backend-rds listening',
    );
  });
  shutDownGracefully({ server, logger, closers: [() => db.disconnect()] });
}

runService(main);
