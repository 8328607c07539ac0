import { Router } from 'express';
import type { AppDeps } from '../app';

// Placeholder: filled in by the orders feature.
export function ordersRoutes(_deps: AppDeps): Router {
  return Router();
}
