// Every variable the code reads (the zod schemas in each src/config.ts, and what the seed
// reads) reaches the service in both compose files and is documented; every variable the
// compose files use is listed in the root .env.example.
import { composeVariables, readCompose, serviceEnvironment, COMPOSE_FILES } from '../src/compose';
import { namesListed } from '../src/dotenv';
import { readRepoFile } from '../src/repo';
import { configVariables, seedVariables, SERVICES } from '../src/service-configs';

/** Read by the seed but never set in compose, with why. */
const SEED_ONLY_IN_TESTS = new Map([['SEED_DATA_DIR', 'tests point the seed at fixture data; compose always loads prisma/data']]);

const missing = (expected: Iterable<string>, present: Set<string>) => [...expected].filter((name) => !present.has(name));

describe.each(COMPOSE_FILES)('%s', (file) => {
  const model = readCompose(file);

  test.each(SERVICES)('%s gets every variable its config.ts reads, and none it does not', (service) => {
    const environment = new Set(Object.keys(serviceEnvironment(model.services[service]!)));
    const read = new Set(configVariables(service));
    expect(missing(read, environment)).toEqual([]);
    expect(missing(environment, read)).toEqual([]);
  });

  test('migrate gets every variable the seed and the migration read, and none they do not', () => {
    const environment = new Set(Object.keys(serviceEnvironment(model.services.migrate!)));
    const read = new Set(seedVariables().filter((name) => !SEED_ONLY_IN_TESTS.has(name)));
    expect(read.size).toBeGreaterThan(3);
    expect(missing(read, environment)).toEqual([]);
    expect(missing(environment, read)).toEqual([]);
  });
});

test('the root .env.example lists every variable both compose files use', () => {
  const listed = namesListed(readRepoFile('.env.example'));
  for (const file of COMPOSE_FILES) {
    expect(`${file}: ${missing(composeVariables(file), listed).join(' ')}`).toBe(`${file}: `);
  }
});

test('the root .env.example lists nothing the compose files and deploy.sh do not read', () => {
  const read = new Set([...COMPOSE_FILES.flatMap((file) => [...composeVariables(file)]), 'COMPOSE_PROFILES', 'RUN_MIGRATIONS']);
  expect(missing(namesListed(readRepoFile('.env.example')), read)).toEqual([]);
});

test.each(SERVICES)("%s's .env.example lists every variable its config.ts reads", (service) => {
  const listed = namesListed(readRepoFile(service, '.env.example'));
  expect(missing(configVariables(service), listed)).toEqual([]);
});

test('docs/configuration.md documents every variable the services and the seed read', () => {
  const page = readRepoFile('docs', 'configuration.md');
  const documented = new Set([...page.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!));
  const read = [
    ...SERVICES.flatMap((service) => configVariables(service)),
    ...seedVariables().filter((name) => !SEED_ONLY_IN_TESTS.has(name)),
  ];
  expect(missing(new Set(read), documented)).toEqual([]);
});
