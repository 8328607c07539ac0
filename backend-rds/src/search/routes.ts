import { Router } from 'express';
import type { AppDeps } from '../app';

// Placeholder: filled in by the search feature.
export function searchRoutes(_deps: AppDeps): Router {
  return Router();
}
