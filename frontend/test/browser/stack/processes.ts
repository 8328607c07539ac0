import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Child } from '../../stack/processes';

export const ARTIFACTS_DIR = path.join(__dirname, '..', '.artifacts');
export const LOG_DIR = path.join(ARTIFACTS_DIR, 'logs');

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The signal the program takes as "finish and exit" (nginx: SIGQUIT). */
  stopSignal?: NodeJS.Signals;
}

/**
 * Starts any program (nginx, redis-server, a service under node) with its output appended to
 * `.artifacts/logs/<name>.log`. `stop()` sends `stopSignal`, and SIGKILL after 5 seconds.
 */
export function startProcess(name: string, command: string, args: string[], options: ProcessOptions = {}): Child {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(path.join(LOG_DIR, `${name}.log`), { flags: 'a' });
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.once('error', (err) => log.write(`could not start ${command}: ${err.message}\n`));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    name,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.kill(options.stopSignal ?? 'SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}
