import { request as httpRequest } from 'node:http';
import type { HostileRequest } from './hostile-input';

// Sends a hostile corpus (hostile-input.ts) to a listening service and judges the answers:
// a 2xx, or a 4xx in the JSON error shape (the expected one where the corpus knows it);
// never a 5xx, never a stack trace, never a dropped connection.

interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
}

/** What is wrong with an answer to a hostile request, or undefined when it is right. */
function hostileAnswerProblem(request: HostileRequest, answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 200)}`;
  if (/\n\s+at |node_modules|\.[jt]s:\d+/.test(answer.text)) return 'the body shows a stack trace';
  if (request.expected && answer.status !== request.expected.status) {
    return `expected ${request.expected.status}, got ${answer.status}: ${answer.text.slice(0, 200)}`;
  }
  if (answer.status < 400) return undefined;
  let body: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    body = answer.contentType?.includes('application/json') ? JSON.parse(answer.text) : undefined;
  } catch {
    body = undefined;
  }
  if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') {
    return `a ${answer.status} without the JSON error shape: ${answer.text.slice(0, 200)}`;
  }
  if (request.expected && body.error.code !== request.expected.code) {
    return `expected code ${request.expected.code}, got ${body.error.code}`;
  }
  return undefined;
}

function send(baseUrl: URL, hostile: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...hostile.headers };
    if (hostile.body) headers['content-length'] = hostile.body.length;
    // http.request, not fetch: fetch would re-encode `%zz` and refuse some of these headers.
    const outgoing = httpRequest(
      { host: baseUrl.hostname, port: baseUrl.port, method: hostile.method.toUpperCase(), path: hostile.url, headers },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            contentType: incoming.headers['content-type'],
            text: Buffer.concat(chunks).toString(),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(hostile.body);
  });
}

/**
 * Sends every request to a listening service, `concurrency` at a time, and returns what went
 * wrong (empty when every answer was right). A request that gets no answer at all (the
 * connection dropped) is a failure too.
 */
export async function findHostileFailures(
  baseUrl: string,
  requests: HostileRequest[],
  concurrency = 16,
): Promise<{ label: string; problem: string }[]> {
  const target = new URL(baseUrl);
  const failures: { label: string; problem: string }[] = [];
  const queue = [...requests];
  async function worker(): Promise<void> {
    for (let hostile = queue.shift(); hostile; hostile = queue.shift()) {
      const answer = await send(target, hostile).catch((err: Error) => err);
      const problem = answer instanceof Error ? `no answer: ${answer.message}` : hostileAnswerProblem(hostile, answer);
      if (problem) failures.push({ label: hostile.label, problem });
      if (answer instanceof Error || answer.status >= 400) queue.push(...(hostile.followUps ?? []));
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}
