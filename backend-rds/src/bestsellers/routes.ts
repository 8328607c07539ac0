import { Router } from 'express';
import type { AppDeps } from '../app';

// Placeholder: filled in by the bestsellers feature.
export function bestsellersRoutes(_deps: AppDeps): Router {
  return Router();
}
