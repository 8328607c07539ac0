import { Router } from 'express';
import type { AppDeps } from '../app';

// Placeholder: filled in by the users feature.
export function usersRoutes(_deps: AppDeps): Router {
  return Router();
}
