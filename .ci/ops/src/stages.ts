// The environment each stage's compose file is resolved with, taken from the stage pages
// themselves: the `bookstore.env` a learner writes there (with stand-ins for the secrets and
// host names the page's commands would produce), plus what deploy.sh adds on the instance.
// A page whose `.env` lacks a required variable fails here before a learner meets it.
import { parseDotenv } from './dotenv';
import type { Env } from './interpolate';
import type { ComposeFile } from './compose';
import { readRepoFile } from './repo';

export interface Stage {
  name: string;
  file: ComposeFile;
  /** The page whose `.env` this is, or none (a laptop: `cp .env.example .env`). */
  page?: string;
  env: Env;
  profiles: string[];
}

/** What the shell variables of the stage pages stand for in these checks. */
export const SHELL_STAND_INS: Record<string, string> = {
  POSTGRES_PASSWORD: 'stage-postgres-password-0123',
  REDIS_PASSWORD: 'stage-redis-password-0123456789',
  DB_PASSWORD: 'stage-rds-password-0123456789',
  DB_HOST: 'bookstore-db.abc123xyz.eu-west-1.rds.amazonaws.com',
  REDIS_HOST: 'master.bookstore-redis.abc123.euw1.cache.amazonaws.com',
  REDIS_AUTH_TOKEN: 'stage-redis-auth-token-0123456789abcdef',
  DATA_PRIVATE_IP: '10.0.1.10',
};

/** deploy.sh writes these below bookstore.env on the instance. */
export const DEPLOY_SH_ADDITIONS: Env = {
  ECR_REGISTRY: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
  BACKEND_RDS_IMAGE_TAG: '1111111111111111111111111111111111111111',
  BACKEND_REDIS_IMAGE_TAG: '2222222222222222222222222222222222222222',
  FRONTEND_IMAGE_TAG: '3333333333333333333333333333333333333333',
  NGINX_IMAGE_TAG: '4444444444444444444444444444444444444444',
};

export const STAGE_PAGES = [
  'docs/01-ec2-single-instance.md',
  'docs/02-load-balancer.md',
  'docs/03-rds-elasticache.md',
] as const;

/** The text between `cat > ~/bookstore-aws/bookstore.env <<EOF` and `EOF` on a page. */
export function bookstoreEnvTemplate(page: string): string {
  const match = /cat > ~\/bookstore-aws\/bookstore\.env <<EOF\n([\s\S]*?)\nEOF\n/.exec(readRepoFile(page));
  if (!match) throw new Error(`${page} writes no ~/bookstore-aws/bookstore.env heredoc`);
  return match[1]!;
}

/** The shell variables a heredoc expands (`$NAME`, `${NAME}`), in order of appearance. */
export function shellVariablesIn(template: string): string[] {
  return [...template.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)].map((match) => match[1]!);
}

/** The heredoc as the shell would write it, with stand-ins for the learner's values. */
export function expandHeredoc(template: string, shellVariables: Env = SHELL_STAND_INS): string {
  return template
    .replace(/\$\(openssl rand -hex (\d+)\)/g, (_, bytes: string) => 'a1'.repeat(Number(bytes)))
    .replace(/\$\(([^)]*)\)/g, (whole) => {
      throw new Error(`a check cannot expand ${whole} in a bookstore.env heredoc`);
    })
    .replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => {
      const value = shellVariables[name];
      if (value === undefined) throw new Error(`no stand-in for $${name} (.ci/ops/src/stages.ts SHELL_STAND_INS)`);
      return value;
    });
}

/**
 * A page that first runs `source ~/bookstore-aws/bookstore.env` (stage 3 keeps stage 2's
 * secrets that way) expands its heredoc with the previous stage's values.
 */
export function stageEnv(page: string, previousStage: Env = {}): Env {
  const sourcesPrevious = readRepoFile(page).includes('source ~/bookstore-aws/bookstore.env');
  const shellVariables = { ...SHELL_STAND_INS, ...(sourcesPrevious ? previousStage : {}) };
  return { ...parseDotenv(expandHeredoc(bookstoreEnvTemplate(page), shellVariables)), ...DEPLOY_SH_ADDITIONS };
}

const profilesOf = (env: Env) => (env.COMPOSE_PROFILES ?? '').split(',').map((p) => p.trim()).filter(Boolean);

export function stages(): Stage[] {
  const laptopEnv = parseDotenv(readRepoFile('.env.example'));
  const stage1 = stageEnv(STAGE_PAGES[0]);
  const stage2 = stageEnv(STAGE_PAGES[1], stage1);
  const stage3 = stageEnv(STAGE_PAGES[2], stage2);
  return [
    { name: 'local (docker-compose.yml, cp .env.example .env)', file: 'docker-compose.yml', env: laptopEnv, profiles: profilesOf(laptopEnv) },
    { name: 'stage 1 (one instance)', file: 'docker-compose.prod.yml', page: STAGE_PAGES[0], env: stage1, profiles: profilesOf(stage1) },
    { name: 'stage 2 (ALB, data instance)', file: 'docker-compose.prod.yml', page: STAGE_PAGES[1], env: stage2, profiles: profilesOf(stage2) },
    { name: 'stage 3 (RDS and ElastiCache, TLS)', file: 'docker-compose.prod.yml', page: STAGE_PAGES[2], env: stage3, profiles: profilesOf(stage3) },
  ];
}
