import type { Request } from 'express';

/**
 * Absolute links for sitemap.xml, canonical and Open Graph tags: from PUBLIC_BASE_URL when
 * set, else the request's scheme and host (behind nginx, its forwarded ones).
 */
export function absoluteUrl(req: Request, publicBaseUrl: string | undefined): (path: string) => string {
  const base = publicBaseUrl ?? `${req.protocol}://${req.host}`;
  return (path) => new URL(path, base).toString();
}
