// The little of autocannon 9's API the bench uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  function autocannon(
    options: autocannon.AutocannonOptions,
    done: (err: Error | null, result: autocannon.AutocannonResult) => void,
  ): autocannon.AutocannonInstance;

  namespace autocannon {
    interface AutocannonRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    }

    interface AutocannonOptions {
      url: string;
      connections?: number;
      /** Seconds to run; ignored when `amount` is set. */
      duration?: number;
      /** Requests to send in all, then stop. */
      amount?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      headers?: Record<string, string>;
      requests?: AutocannonRequest[];
    }

    interface AutocannonResult {
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
    }

    interface AutocannonInstance extends EventEmitter {
      stop(): void;
    }
  }

  export = autocannon;
}
