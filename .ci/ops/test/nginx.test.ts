// `nginx -t` passes on the site the nginx image renders, with the image's own values
// (nginx/Dockerfile's ENV), and the envsubst filter names exactly the template's variables.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv, readDockerfile } from '../src/dockerfile';
import { readRepoFile } from '../src/repo';

const imageEnv = Object.assign(
  {},
  ...readDockerfile('nginx/Dockerfile').stages.at(-1)!.instructions
    .filter((instruction) => instruction.keyword === 'ENV')
    .map((instruction) => parseEnv(instruction.text)),
) as Record<string, string>;
const template = readRepoFile('nginx', 'templates', 'bookstore.conf.template');
const templateVariables = [...new Set([...template.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]!))].sort();

function findNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx', '/opt/homebrew/bin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('nginx is not installed (npm start installs it as root on Debian: .ci/stack/nginx.mjs)');
}

test("the image's envsubst filter and ENV cover exactly the template's variables", () => {
  expect(imageEnv.NGINX_ENVSUBST_FILTER!.split('|').sort()).toEqual(templateVariables);
  for (const name of templateVariables) expect(imageEnv[name]).toBeTruthy();
  expect(imageEnv.NGINX_PORT).toBe('8080'); // unprivileged: no port below 1024
});

test('nginx -t accepts the rendered site', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nginx-check-'));
  try {
    const staticRoot = path.join(dir, 'static');
    mkdirSync(staticRoot);
    // The image's values, except what names this machine: the upstream must resolve here
    // (nginx -t looks host names up), and the log goes to a file.
    const values: Record<string, string> = {
      ...imageEnv,
      FRONTEND_UPSTREAM: '127.0.0.1:8000',
      NGINX_STATIC_ROOT: staticRoot,
      NGINX_ACCESS_LOG: path.join(dir, 'access.log'),
    };
    const site = template.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, name: string) => values[name]!);
    writeFileSync(path.join(dir, 'site.conf'), site);
    // Like the image's nginx.conf: the site is included inside http {}.
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      [
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log;`,
        'events {}',
        'http {',
        '  include /etc/nginx/mime.types;',
        `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;`,
        `  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
        `  include ${dir}/site.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    const output = execFileSync(findNginx(), ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).toBe('');
  } catch (err) {
    throw new Error(`nginx -t failed: ${(err as { stderr?: string }).stderr ?? err}`, { cause: err });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
