import { TimeoutError } from 'redis';
import { withDeadline } from './deadline';

const never = () => new Promise<never>(() => undefined);

test('a command that never answers is rejected with a TimeoutError after the deadline', async () => {
  const wrapped = withDeadline({ get: never }, { timeoutMs: 30 });
  await expect(wrapped.get()).rejects.toBeInstanceOf(TimeoutError);
});

test('answers and errors pass through unchanged', async () => {
  const failure = new Error('WRONGTYPE');
  const wrapped = withDeadline(
    { get: async (key: string) => `value of ${key}`, del: async () => Promise.reject(failure), name: 'client' },
    { timeoutMs: 1000 },
  );
  await expect(wrapped.get('a')).resolves.toBe('value of a');
  await expect(wrapped.del()).rejects.toBe(failure);
  expect(wrapped.name).toBe('client');
});

test('a run of missed deadlines reports a stalled connection; a success resets the count', async () => {
  let stalls = 0;
  let answer = false;
  const wrapped = withDeadline(
    { call: () => (answer ? Promise.resolve('ok') : never()) },
    { timeoutMs: 10, stallAfter: 2, onStall: () => stalls++ },
  );
  await expect(wrapped.call()).rejects.toThrow(TimeoutError);
  answer = true;
  await wrapped.call();
  answer = false;
  await expect(wrapped.call()).rejects.toThrow(TimeoutError);
  expect(stalls).toBe(0);
  await expect(wrapped.call()).rejects.toThrow(TimeoutError);
  expect(stalls).toBe(1);
});
