import type express from 'express';

export interface RouteInfo {
  /** Lower case, as Express keeps it: `get`, `post` … */
  method: string;
  /** As registered, parameters included: `/books/:id/reviews`. */
  path: string;
  /** The path's parameter names in order: `['id']`. */
  params: string[];
}

/** The parts of router 2's layers we read (Express 5 does not type them). */
interface StackLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
  slash?: boolean;
  rawPath?: unknown;
}

/** `router.all()` stands for every method; these are the ones a JSON API answers. */
const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function routesOf(stack: StackLayer[], prefix: string): RouteInfo[] {
  return stack.flatMap((layer): RouteInfo[] => {
    if (layer.route) {
      if (typeof layer.route.path !== 'string') return [];
      const path = prefix + layer.route.path;
      const params = [...path.matchAll(/[:*](\w+)/g)].map((match) => match[1] ?? '');
      const methods = Object.keys(layer.route.methods).flatMap((method) => (method === '_all' ? ALL_METHODS : [method]));
      return methods.map((method) => ({ method, path, params }));
    }
    const inner = layer.handle?.stack;
    if (!Array.isArray(inner)) return [];
    const mountedAt = layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath;
    return routesOf(inner, prefix + mountedAt);
  });
}

/**
 * Every route of an Express 5 app, read from its router stack (`app.router`, router 2), so
 * a test that walks them covers a route the day it is added.
 */
export function listRoutes(app: express.Express): RouteInfo[] {
  return routesOf((app.router as unknown as { stack: StackLayer[] }).stack, '');
}
