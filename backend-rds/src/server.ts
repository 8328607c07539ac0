import { createLogger, runService, shutDownGracefully } from '@bookstore/common';
import { readConfig } from './config';
import { createApp } from './app';
import { createDatabase } from './db/client';
import { databaseDiagnosticsSettings } from './health/database-diagnostics';
import { startPendingOrderSettler } from './orders/settle-pending';
import { postgresSandboxLedger } from './payments/sandbox-ledger';
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
  const payments = new TestPaymentProvider({
    ledger: postgresSandboxLedger(db.primary),
    latencyMs: config.PAYMENT_SANDBOX_LATENCY_MS,
    jitterMs: config.PAYMENT_SANDBOX_JITTER_MS,
  });
  const clock = () => new Date();
  const app = createApp({
    db,
    payments,
    logger,
    serviceToken: config.SERVICE_TOKEN,
    clock,
    orderTransactionTimeoutMs: config.ORDER_TRANSACTION_TIMEOUT_MS,
    orderConcurrency: config.ORDER_CONCURRENCY,
    orderReplayWaitMs: config.ORDER_REPLAY_WAIT_MS,
    diagnostics: databaseDiagnosticsSettings(config),
  });
  // Checkouts a crash left pending: settled now, and whenever one goes stale later.
  const settler = startPendingOrderSettler(
    { db: db.primary, payments, clock, logger, limit: (task) => task() },
    { settleAfterMs: config.PENDING_ORDER_SETTLE_AFTER_MS, intervalMs: config.PENDING_ORDER_SETTLE_INTERVAL_MS },
  );
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info(
      { port: config.PORT, replicas: config.DATABASE_REPLICA_URLS.length },
      'backend-rds listening',
    );
  });
  shutDownGracefully({ server, logger, closers: [() => settler.stop(), () => db.disconnect()] });
}

runService(main);
