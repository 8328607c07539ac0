import { Router } from 'express';
import type { AppDeps } from '../app';

// Placeholder: filled in by the catalog feature.
export function catalogRoutes(_deps: AppDeps): Router {
  return Router();
}
