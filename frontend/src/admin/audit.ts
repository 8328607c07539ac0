import type { Request } from 'express';
import { adminOf } from './access';

/**
 * One structured line per back-office action: who (the admin's id), what, on which thing,
 * and the request id, which backend-rds's audit line for the same call carries too.
 */
export function logAdminAction(req: Request, action: string, details: Record<string, unknown> = {}): void {
  req.log.info({ audit: true, adminId: adminOf(req).id, requestId: req.id, action, ...details }, 'admin action');
}
