import { summariseLatencies, type LatencySummary } from './percentiles';

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
