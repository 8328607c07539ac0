import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveCompose, serviceEnvironment } from '../../.ci/ops/src/compose';
import { SHELL_STAND_INS, stages } from '../../.ci/ops/src/stages';
import { createPrismaClient } from '../src/db/client';
import { PostgresCluster } from './postgres-cluster';

/**
 * Stage 3's migration step against a PostgreSQL that, like RDS with rds.force_ssl, accepts
 * TLS connections only (pg_hba.conf: hostssl lines alone): the exact `migrate` command of
 * docker-compose.prod.yml, with the exact environment the stage 3 page writes, the URL
 * pointed at this cluster and the CA bundle replaced by this test's own CA. Then the
 * service's own client: TLS with DATABASE_CA_CERT_PATH, refused without it, and a
 * certificate from another CA refused.
 */

const run = promisify(execFile);
const BACKEND_RDS = join(__dirname, '..');
const MIGRATIONS = readdirSync(join(BACKEND_RDS, 'prisma', 'migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

let cluster: PostgresCluster | undefined;
let certs: string;
let caPath: string;
let otherCaPath: string;

function openssl(args: string[]) {
  execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });
}

/** A CA, and a certificate for 127.0.0.1 and localhost that it signed. */
function makeCertificates(name: string) {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name} test CA`,
    '-keyout', `${name}-ca.key`, '-out', `${name}-ca.pem`]);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', `${name}-server.key`, '-out', `${name}-server.csr`]);
  writeFileSync(join(certs, `${name}-san.ext`), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(['x509', '-req', '-in', `${name}-server.csr`, '-CA', `${name}-ca.pem`, '-CAkey', `${name}-ca.key`,
    '-CAcreateserial', '-days', '2', '-extfile', `${name}-san.ext`, '-out', `${name}-server.pem`]);
}

/** The stage 3 page's environment for the migrate service, aimed at this cluster. */
function stage3Migrate() {
  const stage3 = stages().find((stage) => stage.name.startsWith('stage 3'))!;
  const migrate = resolveCompose(stage3.file, stage3.env).services.migrate!;
  const environment = serviceEnvironment(migrate);
  const onRds = `@${SHELL_STAND_INS.DB_HOST}:5432/`;
  expect(environment.DATABASE_URL).toContain(onRds);
  expect(environment.DATABASE_CA_CERT_PATH).toBe('/certs/global-bundle.pem');
  return {
    command: migrate.command as string[],
    environment: {
      ...environment,
      DATABASE_URL: environment.DATABASE_URL!.replace(onRds, `@127.0.0.1:${cluster!.port}/`),
      DATABASE_CA_CERT_PATH: caPath,
    },
  };
}

beforeAll(async () => {
  certs = mkdtempSync(join(tmpdir(), 'backend-rds-tls-'));
  makeCertificates('shop');
  makeCertificates('other');
  caPath = join(certs, 'shop-ca.pem');
  otherCaPath = join(certs, 'other-ca.pem');

  cluster = await PostgresCluster.create();
  const cert = cluster.writeServerFile('server.pem', readFileSync(join(certs, 'shop-server.pem'), 'utf8'), 0o644);
  const key = cluster.writeServerFile('server.key', readFileSync(join(certs, 'shop-server.key'), 'utf8'));
  // TLS or nothing, as RDS with rds.force_ssl = 1: no `host` line, so a plain connection has
  // no entry to match. The superuser keeps its Unix socket (where TLS does not apply).
  cluster.writeServerFile(
    'pg_hba.conf',
    ['local all postgres trust', 'hostssl all postgres 127.0.0.1/32 trust', 'hostssl all all 127.0.0.1/32 scram-sha-256', ''].join('\n'),
  );
  await cluster.start({ ssl: 'on', ssl_cert_file: `'${cert}'`, ssl_key_file: `'${key}'` });
  const password = SHELL_STAND_INS.DB_PASSWORD!;
  await cluster.psql('postgres', ['-c', `CREATE ROLE bookstore LOGIN PASSWORD '${password}'`, '-c', 'CREATE DATABASE bookstore OWNER bookstore']);
}, 60_000);

afterAll(async () => {
  await cluster?.dispose();
  if (certs) rmSync(certs, { recursive: true, force: true });
});

test('a connection without TLS is refused, as RDS refuses it', async () => {
  const { environment } = stage3Migrate();
  await expect(run('psql', [`${environment.DATABASE_URL}?sslmode=disable`, '-c', 'SELECT 1'])).rejects.toThrow(/no encryption/);
});

test("stage 3's migrate command applies every migration and the seed over verified TLS", async () => {
  const { command, environment } = stage3Migrate();
  expect(command.slice(0, 2)).toEqual(['sh', '-c']);
  await run(command[0]!, command.slice(1), {
    cwd: BACKEND_RDS,
    env: {
      // What the image has on its PATH (node_modules/.bin), and nothing of this test's own
      // database settings. PRISMA_SCHEMA_ENGINE_BINARY passes when set (offline machines).
      PATH: `${join(BACKEND_RDS, '..', 'node_modules', '.bin')}:${process.env.PATH}`,
      HOME: process.env.HOME,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY,
      ...environment,
    },
    timeout: 120_000,
  });
  const applied = await cluster!.psql('bookstore', ['-At', '-c', 'SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL']);
  expect(Number(applied.trim())).toBe(MIGRATIONS.length);
  const seeded = await cluster!.psql('bookstore', ['-At', '-c', "SELECT (SELECT count(*) FROM books) > 100, (SELECT count(*) FROM users WHERE email LIKE '%@bookstore.example')"]);
  expect(seeded.trim()).toBe('t|2');
}, 150_000);

test('the migrate command refuses a server whose certificate another CA signed', async () => {
  const { command, environment } = stage3Migrate();
  await expect(
    run(command[0]!, command.slice(1), {
      cwd: BACKEND_RDS,
      env: {
        PATH: `${join(BACKEND_RDS, '..', 'node_modules', '.bin')}:${process.env.PATH}`,
        HOME: process.env.HOME,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY,
        ...environment,
        DATABASE_CA_CERT_PATH: otherCaPath,
      },
      timeout: 60_000,
    }),
  ).rejects.toThrow(/certificate|tls|ssl/i);
}, 70_000);

describe('the service (DATABASE_CA_CERT_PATH)', () => {
  test('connects with TLS, the certificate verified against the CA', async () => {
    const { environment } = stage3Migrate();
    const prisma = createPrismaClient({ url: environment.DATABASE_URL, poolSize: 1, caCertPath: caPath });
    try {
      const [row] = await prisma.$queryRaw<{ ssl: boolean }[]>`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`;
      expect(row?.ssl).toBe(true);
    } finally {
      await prisma.$disconnect();
    }
  });

  test('without it, it is refused (no encryption); with another CA, the certificate is refused', async () => {
    const { environment } = stage3Migrate();
    for (const [caCertPath, refusal] of [
      [undefined, /no encryption/],
      [otherCaPath, /self[- ]signed|unable to (get|verify)|certificate/i],
    ] as const) {
      const prisma = createPrismaClient({ url: environment.DATABASE_URL, poolSize: 1, caCertPath, connectTimeoutMs: 5000 });
      try {
        await expect(prisma.$queryRaw`SELECT 1`).rejects.toThrow(refusal);
      } finally {
        await prisma.$disconnect();
      }
    }
  });
});
