import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const POSTGRES_BIN_DIR = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` every 50 ms until it holds; fails after `timeoutMs` naming what it waited for. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs a PostgreSQL binary as the `postgres` user: initdb and the server refuse root. */
function asPostgres(binary: string, args: string[]) {
  const command = join(POSTGRES_BIN_DIR, binary);
  return process.getuid?.() === 0
    ? run('runuser', ['-u', 'postgres', '--', command, ...args])
    : run(command, args);
}

/**
 * A throwaway PostgreSQL cluster on a port of its own (trust auth, user `postgres`), for
 * tests that stop and start the database under a running service. Never the shared server
 * on 5432. Its data, socket and log live in one temporary folder that `dispose` removes.
 */
export class PostgresCluster {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    /** The server's user and group when the tests run as root (it refuses to run as root). */
    private readonly owner?: { uid: number; gid: number },
  ) {}

  static async create(): Promise<PostgresCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'backend-rds-pg-'));
    const owner =
      process.getuid?.() === 0
        ? {
            uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
            gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
          }
        : undefined;
    const cluster = new PostgresCluster(await freePort(), dir, owner);
    try {
      if (owner) {
        chownSync(dir, owner.uid, owner.gid);
        mkdirSync(cluster.socketDir);
        chownSync(cluster.socketDir, owner.uid, owner.gid);
      } else {
        mkdirSync(cluster.socketDir);
      }
      await asPostgres('initdb', [
        '-D', cluster.dataDir,
        '-U', 'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--no-locale',
        '--no-sync',
      ]);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    return cluster;
  }

  private get dataDir() {
    return join(this.dir, 'data');
  }

  private get socketDir() {
    return join(this.dir, 'socket');
  }

  url(database = 'postgres'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /**
   * A file in the cluster's folder, owned by the server's user: pg_hba.conf, or a TLS key
   * (which PostgreSQL reads only when its owner alone may). Returns its path.
   */
  writeServerFile(name: string, content: string, mode = 0o600): string {
    const path = join(name === 'pg_hba.conf' ? this.dataDir : this.dir, name);
    writeFileSync(path, content, { mode });
    if (this.owner) chownSync(path, this.owner.uid, this.owner.gid);
    return path;
  }

  /** Starts the server and returns once it accepts connections; `settings` are extra `-c` ones (ssl=on …). */
  async start(settings: Record<string, string> = {}): Promise<void> {
    const options = [
      `-p ${this.port}`,
      `-k ${this.socketDir}`,
      "-c listen_addresses='127.0.0.1'",
      // Survives a server crash (what the tests do), not an OS crash (which they never do).
      '-c fsync=off',
      '-c full_page_writes=off',
      ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
    ].join(' ');
    const log = join(this.dir, 'postgres.log');
    await asPostgres('pg_ctl', ['start', '-w', '-D', this.dataDir, '-l', log, '-o', options]);
  }

  /** The postmaster's lock file: there while a server runs on this data directory. */
  get isRunning(): boolean {
    return existsSync(join(this.dataDir, 'postmaster.pid'));
  }

  /**
   * `fast` ends every session with 57P01 (what an RDS reboot or a planned failover does);
   * `immediate` drops them without a word, as a crash would.
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.isRunning) return;
    await asPostgres('pg_ctl', ['stop', '-w', '-m', mode, '-D', this.dataDir]);
  }

  /** psql against one database of this cluster. */
  async psql(database: string, args: string[]): Promise<string> {
    const { stdout } = await run('psql', [
      '-X', '-q', '-v', 'ON_ERROR_STOP=1',
      '-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', database,
      ...args,
    ]);
    return stdout;
  }

  /** A new database with every migration applied in order, as `prisma migrate deploy` would. */
  async createMigratedDatabase(name: string): Promise<string> {
    await this.psql('postgres', ['-c', `CREATE DATABASE "${name}"`]);
    const migrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(MIGRATIONS_DIR, entry.name, 'migration.sql')))
      .map((entry) => entry.name)
      .sort();
    for (const migration of migrations) {
      await this.psql(name, ['--single-transaction', '-f', join(MIGRATIONS_DIR, migration, 'migration.sql')]);
    }
    return this.url(name);
  }

  /** Stops the server (immediately: nothing in it is worth keeping) and removes its folder. */
  async dispose(): Promise<void> {
    try {
      await this.stop('immediate');
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
