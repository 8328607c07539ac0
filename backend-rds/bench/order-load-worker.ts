// The load generator, in a process of its own (forked by order-throughput.ts): autocannon's
// work (building bodies, parsing answers) stays off the app's event loop and off the bench's.
// It receives one LoadJob, runs it, sends back one LoadResult and exits.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { buyerHeaders, orderBody, pick, randomItems } from './order-bodies';
import { summariseLatencies, type LatencySummary } from './percentiles';

export interface LoadJob {
  baseUrl: string;
  serviceToken: string;
  connections: number;
  /** Run for this long… */
  durationSeconds?: number;
  /** …or until this many requests were answered. */
  amount?: number;
  userIds: number[];
  /** Each order takes 1–3 of these at random; with `hotBookId`, every order is one copy of it. */
  bookIds: number[];
  hotBookId?: number;
}

export interface LoadResult {
  durationSeconds: number;
  connections: number;
  succeeded: number;
  ordersPerSecond: number;
  statusCounts: Record<string, number>;
  connectionErrors: number;
  latency: LatencySummary;
}

async function runLoad(job: LoadJob): Promise<LoadResult> {
  const runId = randomBytes(4).toString('hex');
  let sequence = 0;
  const latencies: number[] = [];
  const startedAt = performance.now();
  const result = await new Promise<autocannon.AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.baseUrl,
        connections: job.connections,
        ...(job.amount ? { amount: job.amount } : { duration: job.durationSeconds }),
        timeout: 30,
        headers: { authorization: `Bearer ${job.serviceToken}`, 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            path: '/orders',
            setupRequest: (request) => {
              sequence += 1;
              const userId = job.hotBookId ? job.userIds[sequence % job.userIds.length]! : pick(job.userIds);
              const items = job.hotBookId ? [{ bookId: job.hotBookId, quantity: 1 }] : randomItems(job.bookIds);
              return {
                ...request,
                // The whole header set: autocannon does not merge a request's headers with the defaults.
                headers: {
                  authorization: `Bearer ${job.serviceToken}`,
                  'content-type': 'application/json',
                  ...buyerHeaders(userId),
                },
                body: orderBody(items, `bench-${runId}-${sequence}`),
              };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
      latencies.push(responseTimeMs);
    });
  });
  const durationSeconds = (performance.now() - startedAt) / 1000;
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const succeeded = Object.entries(statusCounts)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    durationSeconds,
    connections: job.connections,
    succeeded,
    ordersPerSecond: succeeded / durationSeconds,
    statusCounts,
    connectionErrors: result.errors,
    latency: summariseLatencies(latencies),
  };
}

process.once('message', (job: LoadJob) => {
  runLoad(job).then(
    (result) => process.send!(result, () => process.exit(0)),
    (err: unknown) => {
      console.error('[bench] load worker failed:', err);
      process.exit(1);
    },
  );
});
