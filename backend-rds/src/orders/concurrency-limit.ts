import { HttpError } from '@bookstore/common';

/**
 * Runs at most `max` tasks at once and queues the rest in memory. Order transactions each
 * hold a pooled connection for their whole life; capping them below the pool size leaves
 * connections for everything else and keeps a burst of checkouts from timing out on the
 * pool. A queue longer than `maxQueued` answers 503 instead of growing without bound.
 */
export function createConcurrencyLimit(max: number, maxQueued: number) {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function acquire(): Promise<void> {
    if (running < max) {
      running += 1;
      return;
    }
    if (waiting.length >= maxQueued) {
      throw new HttpError(503, 'service_busy', 'Too many checkouts at once, try again shortly', undefined, {
        'Retry-After': '1',
      });
    }
    // The slot is handed over by release(), so `running` stays counted.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  return async function run<T>(task: () => Promise<T>): Promise<T> {
    await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };
}

export type ConcurrencyLimit = ReturnType<typeof createConcurrencyLimit>;
