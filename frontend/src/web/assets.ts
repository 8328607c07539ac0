import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** frontend/public, served by nginx under /static/ (and by Node with SERVE_STATIC=true). */
export const PUBLIC_DIR = path.join(__dirname, '..', '..', 'public');
export const STATIC_PREFIX = '/static/';

/** `asset('css/shop.css')` → `/static/css/shop.css?v=<content hash>`. */
export type AssetUrls = (file: string) => string;

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/**
 * Hashes every public file once, at start. nginx lets browsers keep /static/ files for 30
 * days, so a changed file must change its URL: the hash is in the query.
 */
export function versionedAssets(dir: string = PUBLIC_DIR): AssetUrls {
  const versions = new Map<string, string>();
  for (const file of listFiles(dir)) {
    const hash = createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex').slice(0, 10);
    versions.set(file, `${STATIC_PREFIX}${file}?v=${hash}`);
  }
  return (file) => {
    const url = versions.get(file);
    if (!url) throw new Error(`No file ${file} in ${dir}`);
    return url;
  };
}
