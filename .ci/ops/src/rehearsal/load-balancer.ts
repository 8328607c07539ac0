// The ALB's stand-in: nginx with the shop's own site template, its upstream widened to the
// frontends of every instance. Round robin (nginx's default), no stickiness: consecutive
// requests land on different instances, as they may behind an ALB.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readRepoFile, repoPath } from '../repo';
import { freePort, waitForHttp } from '../processes';

export function findNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx', '/opt/homebrew/bin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('nginx is not installed (npm start installs it as root on Debian: .ci/stack/nginx.mjs)');
}

/** The site template with one `server` line per frontend in its upstream. */
export function renderBalancedSite(frontends: string[], values: { port: number; accessLog: string }): string {
  const hosts = frontends.map((url) => new URL(url).host);
  const site = readRepoFile('nginx', 'templates', 'bookstore.conf.template')
    .replace('server ${FRONTEND_UPSTREAM};', hosts.map((host) => `server ${host};`).join('\n  '))
    .replaceAll('${NGINX_PORT}', String(values.port))
    .replaceAll('${NGINX_STATIC_ROOT}', repoPath('frontend', 'public'))
    .replaceAll('${NGINX_ACCESS_LOG}', values.accessLog);
  const leftover = /\$\{[A-Z_]+\}/.exec(site);
  if (leftover || hosts.some((host) => !site.includes(`server ${host};`))) {
    throw new Error(`the site template changed shape: ${leftover?.[0] ?? 'no single upstream server line'}`);
  }
  return site;
}

export interface LoadBalancer {
  url: string;
  accessLog: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startLoadBalancer(frontends: string[], dir: string): Promise<LoadBalancer> {
  const nginx = findNginx();
  const port = await freePort();
  mkdirSync(dir, { recursive: true });
  // nginx's workers drop root: they must reach the temp folders.
  chmodSync(dir, 0o755);
  const accessLog = path.join(dir, 'access.log');
  writeFileSync(accessLog, '');
  const sitePath = path.join(dir, 'site.conf');
  writeFileSync(sitePath, renderBalancedSite(frontends, { port, accessLog }));
  const configPath = path.join(dir, 'nginx.conf');
  writeFileSync(
    configPath,
    `worker_processes 1;
daemon off;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  ${existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : ''}
  default_type application/octet-stream;
  client_body_temp_path ${path.join(dir, 'client_body')};
  proxy_temp_path ${path.join(dir, 'proxy')};
  fastcgi_temp_path ${path.join(dir, 'fastcgi')};
  uwsgi_temp_path ${path.join(dir, 'uwsgi')};
  scgi_temp_path ${path.join(dir, 'scgi')};
  include ${sitePath};
}
`,
  );
  const check = spawnSync(nginx, ['-t', '-q', '-p', dir, '-c', configPath], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t rejected ${configPath}: ${check.stderr}`);
  const child = spawn(nginx, ['-p', dir, '-c', configPath], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGQUIT'); // nginx's graceful stop
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 200, 10_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, accessLog, pid: child.pid!, stop };
}
