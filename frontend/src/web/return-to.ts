import { isTypeable } from './form-fields';

/**
 * Where to go after signing in: a path on this shop only. `//evil.com`, `/\evil.com`,
 * `https://evil.com` and anything with control characters are refused (undefined), so the
 * sign-in page cannot be used to send shoppers elsewhere.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  if (!isTypeable(value)) return undefined;
  const base = 'http://shop.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/sign-in?returnTo=%2Fcheckout`, or plain `/sign-in` without a (safe) place to return to. */
export function withReturnTo(path: string, returnTo: string | undefined): string {
  return returnTo ? `${path}?${new URLSearchParams({ returnTo }).toString()}` : path;
}
