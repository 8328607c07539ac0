import { availableParallelism, loadavg } from 'node:os';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';
import { PrismaClient } from '../src/generated/prisma/client';
import { queryWords } from '../src/search/query-text';
import { search } from '../src/search/service';
import {
  formatHitRate,
  hitRate,
  titleAuthorTypoProbes,
  titleTypoProbes,
  type HitRate,
  type ProbeBook,
  type TypoProbe,
} from '../src/search/test-fixtures';
import { DEFAULT_DATA_DIR, loadCatalog } from '../prisma/seed/load-catalog';
import { formatMs, summariseLatencies, type LatencySummary } from './percentiles';

/** What shoppers type: titles, authors, typos, half-typed words and plain common words. */
export const SEARCH_QUERIES = [
  'pride and prejudice', 'war and peace', 'the great gatsby', 'dune', '1984', 'sapiens',
  'a brief history of time', 'thinking fast and slow', 'the selfish gene', 'crime and punishment',
  'jane austen', 'tolstoy', 'george orwell', 'agatha christie', 'stephen king', 'dostoevsky',
  'toni morrison', 'tolkien', 'hemingway', 'yuval noah harari',
  'pride and prejudise', 'dostoyevsky', 'hemmingway', 'tolkein', 'shakespear', 'great gatsbi',
  'orwel animal farm', 'brave new wrold',
  'harry pot', 'lord of the ri', 'brave new', 'the art of', 'one hundred years',
  'love', 'war', 'history', 'night', 'house', 'science', 'murder mystery', 'winter garden',
];

export const SUGGEST_PREFIXES = [
  'p', 'pri', 'pride', 'war an', 'har', 'the gr', 'tolk', 'dost', 'jane', 'sap', 'brief h',
  'mo', 'anim', 'lord', 'hous', 'sci', 'nig', 'the', 'orw', 'crime a',
];

export interface EndpointLatency {
  path: string;
  requests: number;
  errors: number;
  latency: LatencySummary;
}

export type Fetcher = (pathAndQuery: string, init?: RequestInit) => Promise<Response>;

/** One request at a time, so the numbers are the endpoint's latency, not queueing. */
async function measure(fetcher: Fetcher, urls: string[], requests: number, warmUpRounds: number) {
  for (let round = 0; round < warmUpRounds; round += 1) {
    for (const url of urls) await (await fetcher(url)).arrayBuffer();
  }
  const samples: number[] = [];
  let errors = 0;
  for (let i = 0; i < requests; i += 1) {
    const startedAt = performance.now();
    const res = await fetcher(urls[i % urls.length]!);
    await res.arrayBuffer();
    samples.push(performance.now() - startedAt);
    if (res.status !== 200) errors += 1;
  }
  return { samples, errors };
}

/** True when the route answers at all (another helper may not have written it yet). */
export async function routeExists(fetcher: Fetcher, pathAndQuery: string): Promise<boolean> {
  const res = await fetcher(pathAndQuery);
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return !(res.status === 404 && body.error?.code === 'route_not_found');
}

export async function measureSearch(fetcher: Fetcher, requests = 1_000): Promise<EndpointLatency> {
  const urls = SEARCH_QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}&pageSize=20`);
  const { samples, errors } = await measure(fetcher, urls, requests, 2);
  return { path: '/search', requests, errors, latency: summariseLatencies(samples) };
}

export async function measureSuggest(fetcher: Fetcher, requests = 500): Promise<EndpointLatency> {
  const urls = SUGGEST_PREFIXES.map((q) => `/search/suggest?q=${encodeURIComponent(q)}&limit=8`);
  const { samples, errors } = await measure(fetcher, urls, requests, 2);
  return { path: '/search/suggest', requests, errors, latency: summariseLatencies(samples) };
}

interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The statements the search service issues for each query, as Prisma sent them (text and
 * parameters from its query log): the vocabulary look-up, the search, the book summaries.
 */
async function recordSearchStatements(databaseUrl: string, queries: string[]): Promise<Statement[][]> {
  const recorder = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }),
    log: [{ emit: 'event', level: 'query' }],
  });
  let statements: Statement[] = [];
  recorder.$on('query', (event) => {
    statements.push({ text: event.query, values: JSON.parse(event.params) as unknown[] });
  });
  const recorded: Statement[][] = [];
  try {
    for (const q of queries) {
      statements = [];
      await search(recorder as unknown as Parameters<typeof search>[0], queryWords(q), { page: 1, pageSize: 20 });
      recorded.push(statements);
    }
  } finally {
    await recorder.$disconnect();
  }
  return recorded;
}

export interface SqlLatency {
  statementsPerQuery: number;
  latency: LatencySummary;
  /** The 1-minute load average when it finished: other work on the machine shows here. */
  loadAverage: number;
}

/**
 * The same SQL without the app: each query's recorded statements replayed in order on a
 * bare `pg` client, one query at a time, timed as one sample. Beside the HTTP figure this
 * says how much of a search is PostgreSQL's work and how much the app's, on a machine
 * whose speed varies from run to run.
 */
export async function measureSearchSql(databaseUrl: string, requests = 1_000): Promise<SqlLatency> {
  const recorded = await recordSearchStatements(databaseUrl, SEARCH_QUERIES);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const run = async (statements: Statement[]) => {
      for (const { text, values } of statements) await client.query(text, values);
    };
    for (let round = 0; round < 2; round += 1) for (const statements of recorded) await run(statements);
    const samples: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      const startedAt = performance.now();
      await run(recorded[i % recorded.length]!);
      samples.push(performance.now() - startedAt);
    }
    const statementCount = recorded.reduce((sum, statements) => sum + statements.length, 0);
    return {
      statementsPerQuery: statementCount / recorded.length,
      latency: summariseLatencies(samples),
      loadAverage: loadavg()[0]!,
    };
  } finally {
    await client.end();
  }
}

export function describeSearchSql({ statementsPerQuery, latency, loadAverage }: SqlLatency): string {
  const { p50, p95, p99, max } = latency;
  return (
    `  ${'search SQL alone'.padEnd(16)} ${latency.count} queries on a bare pg client ` +
    `(the same ${statementsPerQuery.toFixed(1)} statements per query as the app): ` +
    `p50 ${formatMs(p50)}, p95 ${formatMs(p95)}, p99 ${formatMs(p99)}, max ${formatMs(max)}` +
    ` (machine load average ${loadAverage.toFixed(1)} on ${availableParallelism()} cores)`
  );
}

export interface TypoHitRates {
  title: HitRate;
  titleAndAuthor: HitRate;
}

/**
 * Typo tolerance at scale: the test suite's probes (each real title misspelt once, a title
 * word with a misspelt surname) searched among all the bench's books, synthetic ones included.
 */
export async function measureTypoHitRates(fetcher: Fetcher): Promise<TypoHitRates> {
  const catalog = await loadCatalog(DEFAULT_DATA_DIR);
  const authorNames = new Map(catalog.authors.map((author) => [author.slug, author.name]));
  const books: ProbeBook[] = catalog.books.map((book) => ({
    slug: book.slug,
    title: book.title,
    authors: book.authors.map((slug) => authorNames.get(slug) ?? slug),
  }));
  const rate = async (probes: TypoProbe[]) => {
    const results: string[][] = [];
    for (const probe of probes) {
      const res = await fetcher(`/search?q=${encodeURIComponent(probe.query)}&pageSize=3`);
      const body = (await res.json()) as { items?: { title: string }[] };
      results.push((body.items ?? []).map((item) => item.title));
    }
    return hitRate(probes, results);
  };
  return { title: await rate(titleTypoProbes(books)), titleAndAuthor: await rate(titleAuthorTypoProbes(books)) };
}

export function formatTypoHitRates(rates: TypoHitRates): string[] {
  return [
    formatHitRate('whole title, one word misspelt', rates.title),
    formatHitRate('title word + surname, one misspelt', rates.titleAndAuthor),
  ];
}
