// nginx in front of a test frontend: the site template the Docker image and `npm start`
// render (nginx/templates/bookstore.conf.template), filled in for a folder of its own, so
// several can run beside `npm start` and beside each other.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../stack/database';
import { waitForReady, type Child } from '../../stack/processes';
import { LOG_DIR, startProcess } from './processes';

const TEMPLATE = path.join(REPO_ROOT, 'nginx', 'templates', 'bookstore.conf.template');
const STATIC_ROOT = path.join(REPO_ROOT, 'frontend', 'public');

/** The template's variables, as nginx/Dockerfile and .ci/stack/nginx.mjs fill them. */
export interface SiteValues {
  FRONTEND_UPSTREAM: string;
  NGINX_PORT: number;
  NGINX_STATIC_ROOT: string;
  NGINX_ACCESS_LOG: string;
}

export function renderSite(values: SiteValues): string {
  let site = readFileSync(TEMPLATE, 'utf8');
  for (const [name, value] of Object.entries(values)) site = site.replaceAll(`\${${name}}`, String(value));
  const leftover = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/.exec(site);
  if (leftover) throw new Error(`${TEMPLATE} uses ${leftover[0]}, which the browser stack does not fill in`);
  return site;
}

export function findNginx(): string {
  const found = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'].find((candidate) => existsSync(candidate));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  throw new Error('nginx is not installed (bash .ci/install.sh installs it when run as root on Debian)');
}

function mimeTypesPath(nginx: string): string | undefined {
  const version = spawnSync(nginx, ['-V'], { encoding: 'utf8' });
  const confPath = /--conf-path=(\S+)/.exec(`${version.stderr}${version.stdout}`)?.[1];
  return [confPath && path.join(path.dirname(confPath), 'mime.types'), '/etc/nginx/mime.types'].find(
    (candidate): candidate is string => Boolean(candidate && existsSync(candidate)),
  );
}

export interface NginxOptions {
  /** Names the log files: `.artifacts/logs/<name>.log` and `<name>-access.log`. */
  name: string;
  port: number;
  frontendPort: number;
  /** More `http {}` configuration after the shop's site (the bench's bare route). */
  extraHttp?: (accessLogPath: string) => string;
}

export type RunningNginx = Child & { url: string; accessLogPath: string };

/** Writes the configuration into a temporary folder, checks it with `nginx -t`, runs nginx. */
export async function startNginx({ name, port, frontendPort, extraHttp }: NginxOptions): Promise<RunningNginx> {
  const nginx = findNginx();
  const dir = mkdtempSync(path.join(os.tmpdir(), `bookstore-${name}-`));
  // nginx's workers run as `nobody` when the master is root: they must reach the temp folders.
  chmodSync(dir, 0o755);
  const accessLogPath = path.join(LOG_DIR, `${name}-access.log`);
  writeFileSync(accessLogPath, '');
  const sitePath = path.join(dir, 'bookstore.conf');
  writeFileSync(
    sitePath,
    renderSite({
      FRONTEND_UPSTREAM: `127.0.0.1:${frontendPort}`,
      NGINX_PORT: port,
      NGINX_STATIC_ROOT: STATIC_ROOT,
      NGINX_ACCESS_LOG: accessLogPath,
    }),
  );
  const mimeTypes = mimeTypesPath(nginx);
  const configPath = path.join(dir, 'nginx.conf');
  // The same main configuration as .ci/stack/nginx.mjs writes for `npm start`.
  writeFileSync(
    configPath,
    `worker_processes 1;
daemon off;
pid ${path.join(dir, 'nginx.pid')};
error_log stderr warn;
events {
  worker_connections 1024;
}
http {
  ${mimeTypes ? `include ${mimeTypes};` : ''}
  default_type application/octet-stream;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${sitePath};
${extraHttp ? extraHttp(accessLogPath) : ''}
}
`,
  );
  try {
    execFileSync(nginx, ['-t', '-q', '-e', 'stderr', '-p', dir, '-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    throw new Error(`nginx rejected ${configPath}:\n${(err as { stderr?: string }).stderr ?? (err as Error).message}`, { cause: err });
  }
  const child = startProcess(name, nginx, ['-e', 'stderr', '-p', dir, '-c', configPath], { stopSignal: 'SIGQUIT' });
  const url = `http://127.0.0.1:${port}`;
  const running: RunningNginx = {
    ...child,
    url,
    accessLogPath,
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForReady(`${url}/healthz`, child, 15_000);
  } catch (err) {
    await running.stop();
    throw err;
  }
  return running;
}
