import type { Request, RequestHandler, Response } from 'express';
import { HttpError, type SessionData } from '@bookstore/common';
import { isBackendError } from '../backends/backend-error';

/** The only cookie with the visitor's identity; its value is a backend-redis session id. */
export const SESSION_COOKIE = 'bookstore_session';
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** What the shop keeps in a session. Other features add their own fields. */
export interface ShopSessionData extends SessionData {
  userId?: number;
  userName?: string;
  /** At sign-in; shows the header's "Admin" link only (every /admin request asks backend-rds). */
  userRole?: 'customer' | 'admin';
}

/**
 * The visitor's session, which lives in backend-redis. None is made for a page view: a guest
 * gets one only when something needs it (`ensure()`, e.g. adding to the cart), so crawlers
 * and benchmarks leave nothing behind. The cookie is HttpOnly, SameSite=Lax, and Secure when
 * the request came over HTTPS (as nginx, the one trusted proxy hop, says).
 */
export class ShopSession {
  id: string | undefined;
  data: ShopSessionData = {};
  /** backend-redis did not answer: the page renders as for a guest, writes answer 503. */
  unavailable = false;

  constructor(
    private readonly req: Request,
    private readonly res: Response,
  ) {}

  get userId(): number | undefined {
    return typeof this.data.userId === 'number' ? this.data.userId : undefined;
  }

  async load(cookieValue: unknown): Promise<void> {
    if (typeof cookieValue !== 'string' || !SESSION_ID.test(cookieValue)) return;
    try {
      const session = await this.req.backends.redis.readSession(cookieValue);
      this.id = session.sessionId;
      this.data = session.data as ShopSessionData;
    } catch (err) {
      if (isBackendError(err, 404)) {
        this.clearCookie();
        return;
      }
      if (isBackendError(err) && err.unavailable) {
        this.unavailable = true;
        this.req.log.warn({ err }, 'sessions unavailable: serving as a guest');
        return;
      }
      throw err;
    }
  }

  /** The session id, creating a session (and its cookie) when there is none yet. */
  async ensure(): Promise<string> {
    if (this.id) return this.id;
    this.assertAvailable();
    const session = await this.req.backends.redis.createSession(this.data);
    this.adopt(session.sessionId, session.data);
    return session.sessionId;
  }

  async save(data: ShopSessionData): Promise<void> {
    this.assertAvailable();
    if (!this.id) {
      this.data = data;
      await this.ensure();
      return;
    }
    const session = await this.req.backends.redis.updateSession(this.id, data);
    this.data = session.data as ShopSessionData;
  }

  /** A new id for the same visitor (at sign-in): a fixated or stolen old id is worthless. */
  async rotate(data: ShopSessionData): Promise<void> {
    this.assertAvailable();
    if (!this.id) {
      this.data = data;
      await this.ensure();
      return;
    }
    try {
      const session = await this.req.backends.redis.rotateSession(this.id, data);
      this.adopt(session.sessionId, session.data);
    } catch (err) {
      // A concurrent request (a double-clicked sign-in) rotated it first: start afresh.
      if (!isBackendError(err, 404)) throw err;
      this.id = undefined;
      this.data = data;
      await this.ensure();
    }
  }

  async destroy(): Promise<void> {
    if (this.id) await this.req.backends.redis.deleteSession(this.id);
    this.id = undefined;
    this.data = {};
    this.clearCookie();
  }

  private adopt(id: string, data: SessionData): void {
    this.id = id;
    this.data = data as ShopSessionData;
    this.res.cookie(SESSION_COOKIE, id, this.cookieOptions());
  }

  private clearCookie(): void {
    this.res.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  private cookieOptions() {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.req.secure, path: '/' };
  }

  private assertAvailable(): void {
    if (this.unavailable) {
      throw new HttpError(503, 'sessions_unavailable', 'Sessions are unavailable right now', undefined, {
        'Retry-After': '5',
      });
    }
  }
}

/** Reads the session named by the cookie, if any. Never creates one. */
export function setUpSession(): RequestHandler {
  return async (req, res, next) => {
    req.shopSession = new ShopSession(req, res);
    await req.shopSession.load(req.cookies?.[SESSION_COOKIE]);
    next();
  };
}
