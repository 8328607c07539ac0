import { Router } from 'express';
import type { AppDeps } from '../app';

// Placeholder: filled in by the reviews feature.
export function reviewsRoutes(_deps: AppDeps): Router {
  return Router();
}
