import { Router, type Request } from 'express';
import { ACTING_USER_HEADER } from '../http/acting-user';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The writes only an admin may make: the catalogue and stock (`/admin/…`) and order status changes. */
function isAdminWrite(req: Request): boolean {
  return !READS.has(req.method) && (req.path.startsWith('/admin/') || /^\/orders\/\d+\/status\/?$/.test(req.path));
}

/**
 * One structured line per admin write, once it is answered: who (the acting user, whom the
 * route has just checked to be an admin when it succeeds), what, the outcome, and the
 * request id, which the frontend's own line for the same action carries too.
 */
export function adminAuditLog(): Router {
  const router = Router();
  router.use((req, res, next) => {
    if (!isAdminWrite(req)) return next();
    const header = req.headers[ACTING_USER_HEADER];
    const adminId = typeof header === 'string' && /^\d{1,10}$/.test(header) ? Number(header) : null;
    res.on('finish', () => {
      const entry = { audit: true, adminId, requestId: req.id, method: req.method, path: req.path, status: res.statusCode };
      if (res.statusCode < 400) req.log?.info(entry, 'admin action');
      else req.log?.warn(entry, 'admin action refused');
    });
    next();
  });
  return router;
}
