import { Router } from 'express';
import type { AppDeps } from '../app';

// Placeholder: filled in by the recommendations feature.
export function recommendationsRoutes(_deps: AppDeps): Router {
  return Router();
}
