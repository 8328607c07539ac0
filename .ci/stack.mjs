// `npm start`: the whole shop on this machine without Docker (docs/00-run-locally.md).
//   node .ci/stack.mjs           prepare, start, print the URLs, run until Ctrl-C
//   node .ci/stack.mjs --check   prepare, start, probe every hop, stop; exit 0 when all pass
// STACK_HTTP_PORT sets nginx's port (default 8080). The services keep 8000, 8001 and 8002.
import { startStack } from './stack/start.mjs';
import { checkStack } from './stack/check.mjs';
import { logLine } from './stack/children.mjs';

const checkOnly = process.argv.includes('--check');

let stack;
let exiting = false;
async function shutDown(code) {
  if (exiting) return;
  exiting = true;
  if (stack) await stack.stop();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (exiting) return;
    logLine('stack', `${signal}: stopping`);
    // Before the services run, the steps in progress got the signal too and stop by themselves.
    void shutDown(stack ? 0 : 130);
  });
}

try {
  // During development a service may have no server yet: start the others. --check wants all.
  stack = await startStack();
} catch (err) {
  logLine('stack', `failed: ${err.message}`);
  process.exit(1);
}
if (exiting) await new Promise(() => {}); // a signal arrived while starting: shutDown exits

if (checkOnly) {
  const results = await checkStack(stack.urls);
  for (const { name, ok, detail } of results) logLine('check', `${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  if (!stack.nginx) logLine('check', 'nginx was not available: checked the frontend directly');
  const failed = results.filter((r) => !r.ok).length;
  logLine('check', failed === 0 ? 'all checks passed' : `${failed} check(s) failed`);
  await shutDown(failed === 0 ? 0 : 1);
} else {
  const { urls } = stack;
  logLine('stack', 'the shop is running:');
  if (urls.http) logLine('stack', `  shop (through nginx)  ${urls.http}/`);
  logLine('stack', `  frontend              ${urls.frontend}/`);
  logLine('stack', `  backend-rds           ${urls.backendRds}/healthz  /readyz  /test_connection`);
  logLine('stack', `  backend-redis         ${urls.backendRedis}/healthz  /readyz`);
  logLine('stack', 'Ctrl-C stops everything.');
  const { name, code, signal } = await stack.unexpectedExit;
  logLine('stack', `${name} exited (${code ?? signal}): stopping the others`);
  await shutDown(1);
}
