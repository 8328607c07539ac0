import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { RouteInfo } from './route-list';

/**
 * A corpus of hostile requests for any route list (see route-list.ts), for the services'
 * hostile-input tests: what an attacker or a broken client sends, class by class. The
 * services must answer every one with a 2xx (the input was fine after all) or a 4xx in
 * the JSON error shape, never a 5xx and never a stack trace.
 */
export interface HostileRequest {
  /** What is tried, for the failure report. */
  label: string;
  method: string;
  /** As sent on the wire: percent-encoding is not touched. */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** When the answer does not depend on the route: the status and error code it must be. */
  expected?: { status: number; code: string };
  /**
   * Sent only when this one was refused (a 4xx or worse): the route reads this input, so
   * it gets the rest of the probes for it. Query keys and headers a route ignores cost one
   * request each, not ten.
   */
  followUps?: HostileRequest[];
}

export interface HostileCorpusOptions {
  /** A value each path parameter accepts, by parameter name; others get `1`. */
  goodParams?: Map<string, string>;
  /** A body each route accepts, by `post /orders`; its leaves are swapped one at a time. */
  goodBodies?: Map<string, unknown>;
  /** Query parameters the service reads somewhere; each is probed on every GET route. */
  queryKeys: string[];
  /** Headers sent with every request (the service token, an acting user). */
  headers?: Record<string, string>;
  /** Of those, the ones the service reads as values (e.g. `x-user-id`): probed one by one. */
  probedHeaders?: string[];
  /** The service's JSON body limit, so nesting probes fit inside it. */
  jsonLimitBytes: number;
}

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const BAD_PERCENT_ENCODING = ['%zz', 'a%', '%C0%AF', '%ED%A0%80', '%FF'];

const PATH_VALUES = [
  'a%00b',
  '%F0%9F%98%80',
  '2147483648',
  '99999999999999999999',
  '-1',
  '1e3',
  '1.5',
  '%2F',
  'a'.repeat(4000),
  ...PROTOTYPE_NAMES.slice(0, 3),
];

/**
 * Sent to one query key at a time: what passes a careless check and then breaks a query.
 * A NUL first: every string or integer rule refuses it, so a refusal says the route reads
 * the key, and only then do the others follow.
 */
const QUERY_VALUES_PER_KEY = ['%00', '2147483648', '99999999999999999999', '1e3', '-1'];
/** Sent to every query key at once: refused anyway, so one request per value is enough. */
const QUERY_VALUES_ALL_KEYS = ['', '%zz', 'constructor'];
/** Node refuses a request head over 16 KiB by itself (431): long values share 8 KiB. */
const LONG_QUERY_BYTES = 8 * 1024;

/** The first is refused by any integer rule; the rest follow only where it was. */
const HEADER_VALUES = ['abc', '2147483648', '99999999999999999999', '-1', '0', '1e3', '1, 2', '1.5', '__proto__', 'x'.repeat(5000)];

/** Headers every service reads itself: the token and the request id. */
const COMMON_HEADER_PROBES: [string, string][] = [
  ['authorization', 'Bearer '],
  ['authorization', `Bearer ${'x'.repeat(5000)}`],
  ['x-request-id', 'x'.repeat(5000)],
  ['x-request-id', '%00'],
];

const json = (value: unknown) => JSON.stringify(value);
const nested = (open: string, inner: string, close: string, depth: number) =>
  open.repeat(depth) + inner + close.repeat(depth);

/** Raw JSON texts a string leaf is swapped for (JSON.stringify escapes lone surrogates). */
const STRING_SWAPS = [
  json('a\u0000b'),
  json('\ud800'),
  json('x\udfffy'),
  json('x'.repeat(20_000)),
  json(''),
  json('constructor'),
  '12345',
  'null',
  '["x"]',
];

const NUMBER_SWAPS = ['2147483648', '-2147483649', '100000000000000000000', '1e400', '-1', '1.5', '"1"', 'null', '[1]'];

const OTHER_SWAPS = ['"x"', '1', 'null', '[]', '{}', nested('[', '', ']', 40), json(Array(2000).fill(1))];

/** Deep enough to overflow anything that recurses (validators, JSON.stringify), small enough to send. */
const DEEP_SWAPS = [nested('[', '', ']', 10_000)];

function swapsFor(value: unknown): string[] {
  if (typeof value === 'string') return [...STRING_SWAPS, ...DEEP_SWAPS];
  if (typeof value === 'number') return [...NUMBER_SWAPS, ...DEEP_SWAPS];
  return [...OTHER_SWAPS, ...DEEP_SWAPS];
}

type LeafPath = (string | number)[];

/** Every value in a (trusted, shallow) good body, containers included, by path. */
function valuePaths(value: unknown, path: LeafPath = []): { path: LeafPath; value: unknown }[] {
  const here = path.length > 0 ? [{ path, value }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => valuePaths(item, [...path, i]))];
  if (value && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => valuePaths(item, [...path, key]))];
  }
  return here;
}

const PLACEHOLDER = '__hostile_swap__';

/** The good body's JSON text with the value at `path` replaced by a raw JSON text. */
function swapped(body: unknown, path: LeafPath, rawText: string): string {
  const copy = structuredClone(body);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = PLACEHOLDER;
  return json(copy).replace(json(PLACEHOLDER), () => rawText);
}

/** The good body's JSON text with one more key in front (raw, so `__proto__` stays a key). */
function withExtraKey(bodyText: string, key: string, rawValue: string): string {
  if (!bodyText.startsWith('{')) return bodyText;
  const rest = bodyText === '{}' ? '}' : `,${bodyText.slice(1)}`;
  return `{${json(key)}:${rawValue}${rest}`;
}

function pathWith(route: RouteInfo, goodParams: Map<string, string>, probed?: { name: string; raw: string }) {
  return route.path
    .replace(/[{}]/g, '')
    .replace(/[:*](\w+)/g, (_match, name: string) =>
      name === probed?.name ? probed.raw : encodeURIComponent(goodParams.get(name) ?? '1'),
    );
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Bodies that fail before any route sees them, with the answer that is always right. */
function bodyEncodingProbes(goodText: string, limitBytes: number) {
  const good = Buffer.from(goodText);
  const garbage = Buffer.from('this is not compressed at all');
  const brokenEncoding = { status: 400, code: 'invalid_body_encoding' };
  const unknownEncoding = { status: 415, code: 'unsupported_encoding' };
  const tooDeep = { status: 400, code: 'json_too_deep' };
  const arrayDepth = Math.min(100_000, Math.floor((limitBytes - 64) / 2));
  const objectDepth = Math.floor((limitBytes - 64) / 6);
  return [
    { label: 'gzip that is not gzip', encoding: 'gzip', body: garbage, expected: brokenEncoding },
    { label: 'truncated gzip', encoding: 'gzip', body: gzipSync(good).subarray(0, 12), expected: brokenEncoding },
    { label: 'br that is not br', encoding: 'br', body: garbage, expected: brokenEncoding },
    { label: 'deflate that is not deflate', encoding: 'deflate', body: garbage, expected: brokenEncoding },
    { label: 'unknown encoding', encoding: 'compress', body: good, expected: unknownEncoding },
    { label: 'zstd', encoding: 'zstd', body: good },
    { label: 'two encodings', encoding: 'gzip, br', body: gzipSync(good), expected: unknownEncoding },
    { label: 'valid gzip', encoding: 'gzip', body: gzipSync(good) },
    { label: 'valid br', encoding: 'br', body: brotliCompressSync(good) },
    { label: `arrays ${arrayDepth} deep`, body: Buffer.from(nested('[', '', ']', arrayDepth)), expected: tooDeep },
    { label: `objects ${objectDepth} deep`, body: Buffer.from(nested('{"a":', '1', '}', objectDepth)), expected: tooDeep },
    { label: 'over the size limit', body: Buffer.from(json({ x: 'x'.repeat(limitBytes) })), expected: { status: 413, code: 'body_too_large' } },
    { label: 'not JSON', body: Buffer.from('{"a":'), expected: { status: 400, code: 'invalid_json' } },
    { label: 'a raw NUL byte', body: Buffer.from('{"a":"\u0000"}') },
    { label: 'invalid UTF-8', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]) },
    ...['null', '"text"', '1', 'true', '[]', '{}'].map((text) => ({ label: `top-level ${text}`, body: Buffer.from(text) })),
    { label: 'latin1 charset', type: 'application/json; charset=latin1', body: good, expected: { status: 415, code: 'unsupported_charset' } },
    { label: 'utf-16 charset', type: 'application/json; charset=utf-16', body: good },
    { label: 'text/plain', type: 'text/plain', body: good },
    { label: 'form-encoded', type: 'application/x-www-form-urlencoded', body: Buffer.from('a=1&__proto__=x') },
  ];
}

/** The whole corpus for these routes: path, query, header and body probes. */
export function hostileRequests(routes: RouteInfo[], options: HostileCorpusOptions): HostileRequest[] {
  const goodParams = options.goodParams ?? new Map<string, string>();
  const baseHeaders = options.headers ?? {};
  const requests: HostileRequest[] = [];

  for (const route of routes) {
    const method = route.method;
    const routeName = `${method} ${route.path}`;
    const goodBody = options.goodBodies?.get(routeName);
    const goodText = goodBody === undefined ? '{}' : json(goodBody);
    const goodPath = pathWith(route, goodParams);
    type Parts = Omit<HostileRequest, 'label' | 'method' | 'headers'> & { headers?: Record<string, string> };
    const build = (label: string, request: Parts): HostileRequest => ({
      label: `${routeName}: ${label}`,
      method,
      ...request,
      headers: { ...baseHeaders, ...request.headers },
    });
    const add = (label: string, request: Parts) => requests.push(build(label, request));
    /** The first probe always; the others when the route turned the first down. */
    const addProbing = (probes: [string, Parts][]) => {
      const [first, ...rest] = probes.map(([label, parts]) => build(label, parts));
      if (first) requests.push({ ...first, followUps: rest });
    };
    const takesBody = method !== 'get';
    const withBody = takesBody ? { headers: JSON_TYPE, body: Buffer.from(goodText) } : {};

    add('good input', { url: goodPath, ...withBody });

    for (const name of route.params) {
      for (const raw of BAD_PERCENT_ENCODING) {
        add(`:${name} = ${raw}`, {
          url: pathWith(route, goodParams, { name, raw }),
          expected: { status: 400, code: 'invalid_path_encoding' },
        });
      }
      for (const raw of PATH_VALUES) {
        add(`:${name} = ${raw.slice(0, 40)}`, { url: pathWith(route, goodParams, { name, raw }), ...withBody });
      }
    }

    const everyKey = (value: string) => options.queryKeys.map((key) => `${key}=${value}`).join('&');
    const withQuery = (query: string): [string, Parts] => [`?${query.slice(0, 60)}`, { url: `${goodPath}?${query}`, ...withBody }];
    const queries = ['__proto__=1', PROTOTYPE_NAMES.slice(1).map((key) => `${key}=1`).join('&'), '%zz=1'];
    if (method === 'get') {
      for (const key of options.queryKeys) {
        addProbing([...QUERY_VALUES_PER_KEY.map((value) => `${key}=${value}`), `${key}=1&${key}=2`].map(withQuery));
      }
      const longValue = 'x'.repeat(Math.floor(LONG_QUERY_BYTES / Math.max(1, options.queryKeys.length)));
      queries.push(...QUERY_VALUES_ALL_KEYS.map(everyKey), everyKey(longValue));
    }
    for (const query of queries) add(...withQuery(query));

    const withHeader = (name: string, value: string): [string, Parts] => [
      `${name}: ${value.slice(0, 40)}`,
      { url: goodPath, ...withBody, headers: { [name]: value } },
    ];
    for (const [name, value] of COMMON_HEADER_PROBES) add(...withHeader(name, value));
    for (const name of options.probedHeaders ?? []) addProbing(HEADER_VALUES.map((value) => withHeader(name, value)));

    if (!takesBody) continue;
    for (const probe of bodyEncodingProbes(goodText, options.jsonLimitBytes)) {
      const headers: Record<string, string> = { 'content-type': probe.type ?? JSON_TYPE['content-type'] };
      if (probe.encoding) headers['content-encoding'] = probe.encoding;
      add(probe.label, { url: goodPath, headers, body: probe.body, expected: probe.expected });
    }
    const bodyTexts: [string, string][] = [
      ...PROTOTYPE_NAMES.map((key): [string, string] => [`key ${key}`, withExtraKey(goodText, key, '{"polluted":true}')]),
      ['body in an array', `[${goodText}]`],
      ...valuePaths(goodBody).flatMap(({ path, value }) =>
        swapsFor(value).map((raw): [string, string] => [`${path.join('.')} = ${raw.slice(0, 40)}`, swapped(goodBody, path, raw)]),
      ),
    ];
    for (const [label, text] of bodyTexts) add(label, { url: goodPath, headers: JSON_TYPE, body: Buffer.from(text) });
  }
  return requests;
}
