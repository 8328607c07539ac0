import { TimeoutError } from 'redis';

export interface DeadlineOptions {
  timeoutMs: number;
  /** Called when this many commands in a row missed their deadline: the connection is stuck. */
  onStall?: () => void;
  stallAfter?: number;
}

/**
 * node-redis's `commandOptions.timeout` only covers a command waiting to be written: once a
 * command is on the wire it waits for its reply forever, so a hung or partitioned server
 * would hang every request. This wraps each command of `target` in a deadline that rejects
 * with redis's own TimeoutError (mapped to 503 like any outage). The late reply, if any,
 * is consumed by the client and dropped.
 */
export function withDeadline<T extends object>(target: T, { timeoutMs, onStall, stallAfter = 3 }: DeadlineOptions): T {
  let consecutiveTimeouts = 0;
  const wrappers = new Map<PropertyKey, (...args: unknown[]) => unknown>();

  const guard = (pending: Promise<unknown>) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        consecutiveTimeouts++;
        if (consecutiveTimeouts >= stallAfter) {
          consecutiveTimeouts = 0;
          onStall?.();
        }
        reject(new TimeoutError(`Redis did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.then(
        (value) => {
          clearTimeout(timer);
          consecutiveTimeouts = 0;
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });

  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(property);
      if (!wrapper) {
        wrapper = (...args: unknown[]) => {
          const result: unknown = value.apply(object, args);
          return result instanceof Promise ? guard(result) : result;
        };
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
