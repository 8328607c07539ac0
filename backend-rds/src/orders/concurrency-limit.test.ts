import { HttpError } from '@bookstore/common';
import { createConcurrencyLimit } from './concurrency-limit';

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('never runs more than `max` tasks at once and runs the queued ones in order', async () => {
  const limit = createConcurrencyLimit(2, 10);
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  const gates = Array.from({ length: 5 }, deferred);
  const results = gates.map((gate, index) =>
    limit(async () => {
      started.push(index);
      running += 1;
      peak = Math.max(peak, running);
      await gate.promise;
      running -= 1;
      return index;
    }),
  );
  await Promise.resolve();
  expect(started).toEqual([0, 1]);
  gates.forEach((gate) => gate.resolve());
  expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
  expect(started).toEqual([0, 1, 2, 3, 4]);
  expect(peak).toBe(2);
});

test('a failing task frees its slot', async () => {
  const limit = createConcurrencyLimit(1, 10);
  await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await expect(limit(async () => 'next')).resolves.toBe('next');
});

test('a full queue answers 503 service_busy', async () => {
  const limit = createConcurrencyLimit(1, 1);
  const gate = deferred();
  const running = limit(() => gate.promise);
  const queued = limit(async () => 'queued');
  await expect(limit(async () => 'refused')).rejects.toMatchObject({ status: 503, code: 'service_busy' });
  await expect(limit(async () => 'refused')).rejects.toBeInstanceOf(HttpError);
  gate.resolve();
  await running;
  await expect(queued).resolves.toBe('queued');
});
