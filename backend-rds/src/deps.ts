// What the app is built from. Routes and services import this file, never app.ts, so
// no import circle runs through the app.
import type { Logger } from '@bookstore/common';
import type { Database } from './db/client';
import type { PaymentProvider } from './payments/provider';
import type { DatabaseDiagnosticsSettings } from './health/database-diagnostics';

export interface AppDeps {
  db: Database;
  payments: PaymentProvider;
  logger: Logger;
  serviceToken: string;
  /** Now, injectable so tests can place orders "last week". */
  clock: () => Date;
  /** ORDER_TRANSACTION_TIMEOUT_MS: how long an order transaction (cancel, status change) may run. */
  orderTransactionTimeoutMs: number;
  /** ORDER_CONCURRENCY: checkout statements at once; below the pool size (reads need connections too). */
  orderConcurrency: number;
  /** ORDER_REPLAY_WAIT_MS: how long a duplicate checkout waits for the first to settle. */
  orderReplayWaitMs: number;
  /** What GET /diagnostics may show (host, port, version); without it the route is not mounted. */
  diagnostics?: DatabaseDiagnosticsSettings;
}
