// What the pipeline adds to every request, typed once.
import type { BoundBackends } from '../backends';
import type { ShopSession } from './session';

declare module 'express-serve-static-core' {
  interface Request {
    /** The typed backend clients, bound to this request (request id, acting user). */
    backends: BoundBackends;
    /** The visitor's session in backend-redis (none until one is needed). */
    shopSession: ShopSession;
  }
}

export {};
