import { claimStalePendingOrders } from './queries';
import { PAYMENT_FAILURE, settleByLookup, type LookupSettlement, type SettleDeps } from './settle-order';

export type SettleRound = Record<Exclude<LookupSettlement, 'already_paid'>, number>;

const BATCH_SIZE = 50;

/**
 * One round of settlement: orders pending for longer than `settleAfterMs` belong to a
 * checkout that died (a killed process) or stalled, so each is settled by asking the
 * provider about its charge: charged → paid with its payment, not → stock released. Rows
 * are claimed with SKIP LOCKED, so several instances share the work, and the conditional
 * updates behind settleByLookup make sure no order is settled twice whatever the timing.
 */
export async function settleStalePendingOrders(deps: SettleDeps, settleAfterMs: number): Promise<SettleRound> {
  const round: SettleRound = { paid: 0, refunded: 0, released: 0, already_settled: 0, unresolved: 0 };
  for (;;) {
    const claimed = await claimStalePendingOrders(deps.db, settleAfterMs, BATCH_SIZE);
    for (const order of claimed) {
      try {
        const outcome = await settleByLookup(deps, order.id, PAYMENT_FAILURE.interrupted);
        round[outcome === 'already_paid' ? 'already_settled' : outcome] += 1;
      } catch (err) {
        // Left pending: claimed again after another settleAfterMs.
        round.unresolved += 1;
        deps.logger.error({ err, orderId: order.id }, 'settling a pending order failed');
      }
    }
    if (claimed.length < BATCH_SIZE) return round;
  }
}

export interface PendingOrderSettler {
  /** Waits for a round in progress, then stops. */
  stop(): Promise<void>;
}

/**
 * Settles stale pending orders once now (a restart after a crash) and then every
 * `intervalMs`. Rounds never overlap; a failed round (the database away) is logged and the
 * next one tries again.
 */
export function startPendingOrderSettler(
  deps: SettleDeps,
  options: { settleAfterMs: number; intervalMs: number },
): PendingOrderSettler {
  let running: Promise<void> | undefined;
  let stopped = false;

  const runRound = () => {
    if (running || stopped) return;
    running = settleStalePendingOrders(deps, options.settleAfterMs)
      .then((round) => {
        if (round.paid + round.released + round.refunded + round.unresolved > 0) {
          deps.logger.info({ ...round }, 'settled stale pending orders');
        }
      })
      .catch((err: unknown) => deps.logger.error({ err }, 'pending order settlement round failed'))
      .finally(() => {
        running = undefined;
      });
  };

  const timer = setInterval(runRound, options.intervalMs);
  timer.unref();
  runRound();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
