#!/usr/bin/env node
// After a deploy: is the shop answering through its public address? Three checks, all
// through nginx (and the ALB from stage 2 on):
//   /healthz           200: nginx itself
//   /readyz            200: nginx → frontend → both backends → PostgreSQL and Redis
//   /diagnostics.json  200, and every hop in it ok: any object in the answer with an `ok`
//                      field must have `ok: true`, and there must be at least one
// Retries the three together until they pass (instances warming up, the ALB registering
// targets), then gives up and exits 1 naming what failed.
//
//   node .github/workflows/scripts/smoke-test.mjs http://<public address> [--attempts 12] [--interval 5]
//   node .github/workflows/scripts/smoke-test.mjs http://127.0.0.1:8080     # the native stack (npm start)

const usage = 'usage: smoke-test.mjs <base url> [--attempts N] [--interval SECONDS]';

function parseArguments(argv) {
  const options = { attempts: 12, intervalSeconds: 5, baseUrl: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const argument = argv[i];
    if (argument === '--attempts') options.attempts = Number(argv[(i += 1)]);
    else if (argument === '--interval') options.intervalSeconds = Number(argv[(i += 1)]);
    else if (!options.baseUrl) options.baseUrl = argument;
    else throw new Error(usage);
  }
  if (!options.baseUrl || !/^https?:\/\//.test(options.baseUrl)) throw new Error(usage);
  if (!(options.attempts >= 1) || !(options.intervalSeconds >= 0)) throw new Error(usage);
  options.baseUrl = options.baseUrl.replace(/\/+$/, '');
  return options;
}

/** Every `ok` field in the answer, with where it sits and why it failed when it did. */
function findOkFields(value, path = '') {
  if (Array.isArray(value)) return value.flatMap((item, index) => findOkFields(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  const here = typeof value.ok === 'boolean' ? [{ path: path || '(top)', ok: value.ok, node: value }] : [];
  return here.concat(
    Object.entries(value).flatMap(([key, child]) => findOkFields(child, path ? `${path}.${key}` : key)),
  );
}

function describeFailure(node) {
  const failure = node.failure ?? node.error;
  const name = node.name ?? node.hop ?? node.service ?? node.kind;
  const parts = [name, failure?.code, failure?.summary ?? failure?.message ?? (typeof failure === 'string' ? failure : undefined)];
  return parts.filter(Boolean).join(': ');
}

async function get(url) {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json', 'x-request-id': `smoke-test-${started}` },
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, text: await response.text(), ms: Date.now() - started };
  } catch (err) {
    return { status: 0, text: '', ms: Date.now() - started, error: err.cause?.code ?? err.name ?? String(err) };
  }
}

const checks = [
  {
    path: '/healthz',
    judge: (answer) => (answer.status === 200 ? [] : [`expected 200, got ${answer.status || answer.error}`]),
  },
  {
    path: '/readyz',
    judge: (answer) =>
      answer.status === 200 ? [] : [`expected 200, got ${answer.status || answer.error} ${answer.text.slice(0, 200)}`],
  },
  {
    path: '/diagnostics.json',
    judge: (answer) => {
      if (answer.status !== 200) return [`expected 200, got ${answer.status || answer.error}`];
      let body;
      try {
        body = JSON.parse(answer.text);
      } catch {
        return ['the answer is not JSON'];
      }
      const fields = findOkFields(body);
      if (fields.length === 0) return ['no hop in the answer says whether it is ok'];
      return fields.filter((field) => !field.ok).map((field) => `${field.path} not ok (${describeFailure(field.node)})`);
    },
  },
];

async function runChecks(baseUrl) {
  const results = [];
  for (const check of checks) {
    const answer = await get(`${baseUrl}${check.path}`);
    results.push({ path: check.path, ms: answer.ms, problems: check.judge(answer) });
  }
  return results;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  let results = [];
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    results = await runChecks(options.baseUrl);
    const failed = results.filter((result) => result.problems.length > 0);
    if (failed.length === 0) break;
    console.log(`attempt ${attempt}/${options.attempts}: ${failed.map((result) => result.path).join(', ')} not green yet`);
    if (attempt < options.attempts) await new Promise((resolve) => setTimeout(resolve, options.intervalSeconds * 1000));
  }
  for (const result of results) {
    if (result.problems.length === 0) console.log(`ok    ${options.baseUrl}${result.path} (${result.ms} ms)`);
    else for (const problem of result.problems) console.log(`FAIL  ${options.baseUrl}${result.path}: ${problem}`);
  }
  const passed = results.every((result) => result.problems.length === 0);
  console.log(passed ? 'smoke test passed' : 'smoke test FAILED');
  process.exit(passed ? 0 : 1);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(2);
});
