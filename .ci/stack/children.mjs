// Child processes of the native stack: spawned with their output prefixed by a name, waited
// for over HTTP, and stopped with the signal each one treats as "finish and exit".
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLORS = [36, 35, 33, 32, 34, 31];
const colorOf = new Map();

function prefixFor(name) {
  if (!process.stdout.isTTY || process.env.NO_COLOR) return `[${name}]`;
  if (!colorOf.has(name)) colorOf.set(name, COLORS[colorOf.size % COLORS.length]);
  return `\x1b[${colorOf.get(name)}m[${name}]\x1b[0m`;
}

/** Writes a line from the stack itself, or from a named child. */
export function logLine(name, line) {
  process.stdout.write(`${prefixFor(name)} ${line}\n`);
}

function pipeLines(stream, name) {
  createInterface({ input: stream }).on('line', (line) => logLine(name, line));
}

/**
 * Starts a long-running child. `exited` settles when it ends, for whatever reason; `stop()`
 * sends `stopSignal`, waits up to `graceMs`, then kills.
 */
export function startChild({ name, command, args, cwd, env, stopSignal = 'SIGTERM', graceMs = 12_000 }) {
  // Own process group: a Ctrl-C in the terminal reaches the stack only, which then sends each
  // child one signal. (Two signals make a service skip its graceful shutdown.)
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  pipeLines(child.stdout, name);
  pipeLines(child.stderr, name);
  let stopping = false;
  const exited = new Promise((resolve) => {
    child.once('error', (err) => {
      logLine(name, `could not start: ${err.message}`);
      resolve({ code: null, signal: null, error: err });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    name,
    pid: child.pid,
    exited,
    get stopping() {
      return stopping;
    },
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(stopSignal);
      const timer = setTimeout(() => {
        logLine(name, `still running after ${graceMs} ms, killing it`);
        child.kill('SIGKILL');
      }, graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Runs a command to completion with prefixed output; rejects when it exits non-zero. */
export function runStep({ name, command, args, cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    pipeLines(child.stdout, name);
    pipeLines(child.stderr, name);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${name}: \`${[command, ...args].join(' ')}\` exited with ${code ?? signal}`));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `url` until it answers 2xx, the child exits, or `timeoutMs` runs out. Bounded, so a
 * service that never comes up fails the start instead of hanging it.
 */
export async function waitForHealthy(url, { child, timeoutMs = 30_000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let childExit;
  child?.exited.then((result) => (childExit = result));
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (childExit) {
      throw new Error(`${child.name} exited (${childExit.code ?? childExit.signal}) before ${url} answered`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      lastProblem = `HTTP ${res.status}`;
    } catch (err) {
      lastProblem = err.cause?.code ?? err.message;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (last: ${lastProblem})`);
}
