import { Router } from 'express';
import type { AppDeps } from '../app';

// Placeholder: filled in by the inventory feature.
export function inventoryRoutes(_deps: AppDeps): Router {
  return Router();
}
