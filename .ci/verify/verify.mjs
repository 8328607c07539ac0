#!/usr/bin/env node
// `npm run verify -- --stage N --url http://<public address>`: after each stage of the
// course, from your laptop, is the shop deployed as that stage wants it?
//   stage 1  /healthz, /readyz and /diagnostics.json green: every hop ok
//   stage 2  and: pages answered by at least two instances; a throwaway account's session
//            and cart the same on every answer of the load balancer
//   stage 3  and: PostgreSQL is RDS and Redis is ElastiCache, both over TLS
// One line per check, PASS or FAIL with the fix to try; exit code 0 when all pass, else 1.
// --session-file <path> keeps the throwaway session in that file, and takes it up again when
// the file exists: after terminating an instance, a second run with --min-instances 1 shows
// that no session and no cart were lost.
// Plain Node ≥ 20 (its fetch), no packages: it runs from a fresh clone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { checkHealth, checkInstances, checkManagedStores, checkSessionAndCart } from './checks.mjs';

const USAGE =
  'usage: npm run verify -- --stage 1|2|3 --url http://<address> [--tries 12] [--timeout-ms 10000] [--min-instances 2] [--session-file <path>]';

function parseArguments(argv) {
  const options = { stage: undefined, url: undefined, tries: 12, timeoutMs: 10_000, minInstances: 2, sessionFile: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--stage': options.stage = Number(value); break;
      case '--url': options.url = value; break;
      case '--tries': options.tries = Number(value); break;
      case '--timeout-ms': options.timeoutMs = Number(value); break;
      case '--min-instances': options.minInstances = Number(value); break;
      case '--session-file': options.sessionFile = value; break;
      default: throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
    }
    i += 1;
  }
  if (![1, 2, 3].includes(options.stage)) throw new Error(`--stage must be 1, 2 or 3\n${USAGE}`);
  if (!/^https?:\/\/[^/]+/.test(options.url ?? '')) throw new Error(`--url must be http(s)://<address>\n${USAGE}`);
  if (!Number.isInteger(options.tries) || options.tries < 2) throw new Error(`--tries must be an integer ≥ 2\n${USAGE}`);
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs < 100) throw new Error(`--timeout-ms must be an integer ≥ 100\n${USAGE}`);
  if (!Number.isInteger(options.minInstances) || options.minInstances < 1) throw new Error(`--min-instances must be an integer ≥ 1\n${USAGE}`);
  if (options.sessionFile !== undefined && !options.sessionFile) throw new Error(`--session-file needs a path\n${USAGE}`);
  options.url = options.url.replace(/\/+$/, '');
  return options;
}

function print(line) {
  console.log(`${line.ok ? 'PASS' : 'FAIL'}  ${line.name}: ${line.detail}`);
  if (!line.ok && line.fix) console.log(`      fix: ${line.fix}`);
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  console.log(`verifying stage ${options.stage} at ${options.url}`);
  const lines = [];
  const health = await checkHealth(options);
  lines.push(...health.lines);
  if (options.stage >= 2) {
    lines.push(...(await checkInstances(options)).lines);
    const saved = options.sessionFile && existsSync(options.sessionFile) ? JSON.parse(readFileSync(options.sessionFile, 'utf8')) : undefined;
    const session = await checkSessionAndCart({ ...options, saved });
    lines.push(...session.lines);
    if (options.sessionFile && !saved && session.lines[0]?.ok) writeFileSync(options.sessionFile, `${JSON.stringify(session.shopper.saved(), null, 2)}\n`, { mode: 0o600 });
  }
  if (options.stage >= 3) lines.push(...checkManagedStores(health.report));
  for (const line of lines) print(line);
  const failed = lines.filter((line) => !line.ok).length;
  console.log(failed === 0 ? `stage ${options.stage}: all ${lines.length} checks passed` : `stage ${options.stage}: ${failed} of ${lines.length} checks FAILED`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
