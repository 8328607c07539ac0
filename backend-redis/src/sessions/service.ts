import { randomBytes } from 'node:crypto';
import { HttpError } from '@bookstore/common';
import type { AppDeps } from '../deps';
import type { SessionData } from './schema';

interface StoredSession {
  data: SessionData;
  createdAt: string;
}

export interface SessionView extends StoredSession {
  sessionId: string;
  expiresInMs: number;
}

type Deps = Pick<AppDeps, 'redis' | 'keys' | 'settings' | 'clock'>;

const newSessionId = () => randomBytes(32).toString('base64url');

const notFound = () =>
  new HttpError(404, 'session_not_found', 'No such session (it expired, was destroyed or rotated)');

export function sessionService({ redis, keys, settings, clock }: Deps) {
  const ttlMs = settings.sessionTtlMs;
  const view = (sessionId: string, stored: StoredSession): SessionView => ({
    sessionId,
    ...stored,
    expiresInMs: ttlMs,
  });

  async function store(sessionId: string, stored: StoredSession): Promise<SessionView> {
    // NX: a fresh 256-bit id never collides, but a session is never overwritten by creation.
    await redis.set(keys.session(sessionId), JSON.stringify(stored), { expiration: { type: 'PX', value: ttlMs }, condition: 'NX' });
    return view(sessionId, stored);
  }

  return {
    create(data: SessionData): Promise<SessionView> {
      return store(newSessionId(), { data, createdAt: clock().toISOString() });
    },

    /** Reading a session is activity: its expiry slides forward (GETEX, one round trip). */
    async read(sessionId: string): Promise<SessionView> {
      const raw = await redis.getEx(keys.session(sessionId), { type: 'PX', value: ttlMs });
      if (raw === null) throw notFound();
      return view(sessionId, JSON.parse(raw) as StoredSession);
    },

    async update(sessionId: string, data: SessionData): Promise<SessionView> {
      const key = keys.session(sessionId);
      const raw = await redis.get(key);
      if (raw === null) throw notFound();
      const stored = { data, createdAt: (JSON.parse(raw) as StoredSession).createdAt };
      // XX: a session destroyed meanwhile stays destroyed.
      const written = await redis.set(key, JSON.stringify(stored), { expiration: { type: 'PX', value: ttlMs }, condition: 'XX' });
      if (written === null) throw notFound();
      return view(sessionId, stored);
    },

    async destroy(sessionId: string): Promise<void> {
      await redis.del(keys.session(sessionId));
    },

    /**
     * New id at sign-in (session fixation): GETDEL takes the old session in one step, so the
     * old id stops working at once and two concurrent rotations cannot both succeed. The new
     * key is then written; if Redis fails in between, the visitor signs in again (fails
     * closed). Old and new id sit in different slots, so this is not one script.
     */
    async rotate(sessionId: string, data?: SessionData): Promise<SessionView> {
      const raw = await redis.getDel(keys.session(sessionId));
      if (raw === null) throw notFound();
      const previous = JSON.parse(raw) as StoredSession;
      return store(newSessionId(), { data: data ?? previous.data, createdAt: clock().toISOString() });
    },
  };
}
