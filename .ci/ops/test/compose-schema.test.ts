// Both compose files validate against the Compose Specification's JSON schema, and resolve
// for every stage with the `.env` that stage's page has the learner write.
import Ajv from 'ajv';
import { loadConfig } from '@bookstore/common';
import { demoUsersFromEnv } from '../../../backend-rds/prisma/seed/demo-users';
import { activeServices, readCompose, resolveCompose, serviceEnvironment, type ComposeModel } from '../src/compose';
import { readRepoFile } from '../src/repo';
import { CONFIG_SCHEMAS, SERVICES } from '../src/service-configs';
import { stages } from '../src/stages';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const schema = JSON.parse(readRepoFile('.ci', 'ops', 'vendor', 'compose-spec.schema.json'));
delete schema.$schema; // draft-07, Ajv's default; the URL form here is not one Ajv knows by name
const validateCompose = ajv.compile(schema);

function schemaErrors(model: unknown): string[] {
  return validateCompose(model)
    ? []
    : (validateCompose.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

test('the schema itself rejects what it should (a misspelt key, a bad depends_on condition)', () => {
  expect(schemaErrors({ services: { web: { image: 'nginx', restrat: 'always' } } })).not.toEqual([]);
  expect(
    schemaErrors({ services: { web: { image: 'nginx', depends_on: { db: { condition: 'service_ready' } } } } }),
  ).not.toEqual([]);
  expect(schemaErrors({ services: { web: { image: 'nginx' } } })).toEqual([]);
});

describe.each(stages())('$name', (stage) => {
  let model: ComposeModel;

  test('resolves: every required variable has a value', () => {
    model = resolveCompose(stage.file, stage.env);
    expect(Object.keys(model.services).length).toBeGreaterThan(0);
  });

  test('validates against the Compose Specification schema', () => {
    expect(schemaErrors(model)).toEqual([]);
  });

  test('the services up starts are the stage\'s', () => {
    const running = activeServices(model, stage.profiles);
    expect(running).toEqual(expect.arrayContaining(['backend-rds', 'backend-redis', 'frontend', 'nginx']));
    const hasLocalData = stage.file === 'docker-compose.yml' || stage.profiles.includes('local-data');
    expect(running.includes('postgres')).toBe(hasLocalData);
    expect(running.includes('redis')).toBe(hasLocalData);
    if (stage.file === 'docker-compose.prod.yml') expect(running).not.toContain('migrate');
  });

  test('every image is pinned to a commit, never latest', () => {
    for (const [name, service] of Object.entries(model.services)) {
      if (service.build) continue;
      expect(`${name}: ${service.image}`).not.toMatch(/:latest$|^[^:]+$/);
      if (stage.file === 'docker-compose.prod.yml' && !['postgres', 'redis'].includes(name)) {
        expect(`${name}: ${service.image}`).toMatch(/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/bookstore\/[a-z-]+:[0-9a-f]{40}$/);
      }
    }
  });

  test.each(SERVICES)('%s starts with this environment (its own config schema accepts it)', (service) => {
    const environment = serviceEnvironment(model.services[service]!);
    expect(() => loadConfig(CONFIG_SCHEMAS[service], environment)).not.toThrow();
  });

  test('the seed accepts the demo passwords it is given', () => {
    const environment = serviceEnvironment(model.services.migrate!);
    expect(() => demoUsersFromEnv(environment)).not.toThrow();
  });
});

test('stage 3 talks TLS to both stores and verifies RDS against the mounted CA bundle', () => {
  const stage3 = stages().find((stage) => stage.name.startsWith('stage 3'))!;
  const model = resolveCompose(stage3.file, stage3.env);
  for (const service of ['backend-rds', 'migrate']) {
    const environment = serviceEnvironment(model.services[service]!);
    expect(environment.DATABASE_CA_CERT_PATH).toBe('/certs/global-bundle.pem');
    expect(environment.DATABASE_URL).not.toMatch(/sslmode/);
    expect(model.services[service]!.volumes).toContain('./certs:/certs:ro');
  }
  const redis = serviceEnvironment(model.services['backend-redis']!);
  expect(redis.REDIS_URL).toMatch(/^rediss:\/\//);
  expect(redis.REDIS_PASSWORD).not.toBe('');
});

test('behind the ALB (stages 2 and 3) the frontend trusts two proxies; alone behind nginx, one', () => {
  for (const stage of stages()) {
    const model = resolveCompose(stage.file, stage.env);
    const hops = loadConfig(CONFIG_SCHEMAS.frontend, serviceEnvironment(model.services.frontend!)) as { TRUST_PROXY_HOPS: number };
    expect(`${stage.name}: ${hops.TRUST_PROXY_HOPS}`).toBe(`${stage.name}: ${/stage [23]/.test(stage.name) ? 2 : 1}`);
  }
});

test('nginx publishes the port its image listens on, and only nginx publishes one', () => {
  const nginxPort = /NGINX_PORT=(\d+)/.exec(readRepoFile('nginx', 'Dockerfile'))![1];
  for (const file of ['docker-compose.yml', 'docker-compose.prod.yml'] as const) {
    const model = readCompose(file);
    for (const [name, service] of Object.entries(model.services)) {
      if (name === 'nginx') expect(service.ports).toEqual([expect.stringMatching(new RegExp(`:${nginxPort}$`))]);
      else expect(`${file} ${name}: ${JSON.stringify(service.ports ?? [])}`).toBe(`${file} ${name}: []`);
    }
  }
});
