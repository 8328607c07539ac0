/**
 * `npm run audit` (root): Lighthouse 12 on the home page, a book page and a search, through
 * nginx, with Debian's Chromium (chrome-launcher, no browser download) and nothing fetched
 * from outside. Lighthouse's default run: a phone on a throttled network, simulated.
 * Prints the four category scores per page and pass/miss against 0.95; below the target,
 * the audits that cost the points. Reports: frontend/audit/.reports/<page>.report.html.
 *
 * The shop runs as the browser tests run it (test/browser/stack/shop-stack.ts), on a
 * database and Redis key prefix of its own, removed at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/browser/chromium';
import { startShopStack } from '../test/browser/stack/shop-stack';

const TARGET = 0.95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'book', path: '/books/pride-and-prejudice' },
  { name: 'search', path: '/search?q=pride+and+prejudise' },
];
const REPORT_DIR = path.join(__dirname, '.reports');

interface PageScores {
  name: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** Audits that scored below 0.9 in a category under target: "category: title (display value)". */
  failing: string[];
}

async function main() {
  // Both are ES modules only; this script is CommonJS like the rest of the frontend.
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  mkdirSync(REPORT_DIR, { recursive: true });
  console.log('starting the shop (database, backends, frontend, nginx)…');
  const stack = await startShopStack({ name: 'audit' });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_ARGS, logLevel: 'error' });
  const results: PageScores[] = [];
  try {
    for (const page of PAGES) {
      const url = `${stack.shopUrl}${page.path}`;
      const run = await lighthouse(url, { port: chrome.port, output: ['html', 'json'], logLevel: 'error', onlyCategories: [...CATEGORIES] });
      if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
      const [html, json] = run.report as string[];
      writeFileSync(path.join(REPORT_DIR, `${page.name}.report.html`), html!);
      writeFileSync(path.join(REPORT_DIR, `${page.name}.report.json`), json!);
      const { lhr } = run;
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? 0])) as PageScores['scores'];
      const failing: string[] = [];
      for (const category of CATEGORIES) {
        if (scores[category] >= TARGET) continue;
        for (const ref of lhr.categories[category]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (!audit || audit.score === null || audit.score >= 0.9 || ref.weight === 0) continue;
          failing.push(`${category}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''} — score ${audit.score}`);
        }
      }
      results.push({ name: page.name, scores, failing });
    }
  } finally {
    chrome.kill();
    await stack.stop();
  }

  console.log(`\n  ${'page'.padEnd(8)} ${CATEGORIES.map((c) => c.padStart(15)).join('')}`);
  for (const { name, scores } of results) {
    console.log(`  ${name.padEnd(8)} ${CATEGORIES.map((c) => `${scores[c].toFixed(2)} ${scores[c] >= TARGET ? 'pass' : 'MISS'}`.padStart(15)).join('')}`);
  }
  for (const { name, failing } of results.filter((r) => r.failing.length > 0)) {
    console.log(`\n${name}: what costs the points`);
    for (const line of failing) console.log(`  - ${line}`);
  }
  const misses = results.flatMap((r) => CATEGORIES.filter((c) => r.scores[c] < TARGET));
  console.log(`\n${misses.length === 0 ? `every score ≥ ${TARGET}` : `${misses.length} score(s) below ${TARGET}`}; reports in ${path.relative(process.cwd(), REPORT_DIR)}/`);
  process.exitCode = misses.length === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
