import express from 'express';
import supertest from 'supertest';
import { gzipSync } from 'node:zlib';
import { errorHandler, HttpError, notFoundHandler } from './http-errors';

/** A bare app with the JSON parser, one route per way a request can fail, and our handler. */
function app() {
  const created = express();
  created.use(express.json({ limit: '1kb' }));
  created.get('/things/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  created.get('/teapot', () => {
    throw Object.assign(new Error('short and stout'), { status: 418 });
  });
  created.get('/ours', () => {
    throw new HttpError(409, 'taken', 'Already taken', { field: 'slug' }, { 'Retry-After': '3' });
  });
  created.get('/bug', () => {
    throw new Error('secret internals at /srv/app.ts:12');
  });
  created.post('/echo', (req, res) => {
    res.json(req.body);
  });
  created.use(notFoundHandler);
  created.use(errorHandler);
  return created;
}

const api = supertest(app());
const post = (body: Buffer | string, headers: Record<string, string>) =>
  api.post('/echo').set({ 'content-type': 'application/json', ...headers }).send(body);

test.each(['%zz', '%', '%C0%AF', '%ED%A0%80'])('path parameter %s is a 400 invalid_path_encoding', async (raw) => {
  const res = await api.get(`/things/${raw}`).expect(400);
  expect(res.body.error.code).toBe('invalid_path_encoding');
});

test.each([
  ['gzip that is not gzip', 'gzip', Buffer.from('nope'), 400, 'invalid_body_encoding'],
  ['truncated gzip', 'gzip', gzipSync('{"a":1}').subarray(0, 12), 400, 'invalid_body_encoding'],
  ['br that is not br', 'br', Buffer.from('nope, not brotli'), 400, 'invalid_body_encoding'],
  ['deflate that is not deflate', 'deflate', Buffer.from('nope'), 400, 'invalid_body_encoding'],
  ['an unknown encoding', 'compress', Buffer.from('{}'), 415, 'unsupported_encoding'],
])('%s', async (_label, encoding, body, status, code) => {
  const res = await post(body, { 'content-encoding': encoding }).expect(status);
  expect(res.body.error.code).toBe(code);
});

test('body-parser errors by type: bad JSON, too large, unsupported charset', async () => {
  expect((await post('{"a":', {}).expect(400)).body.error.code).toBe('invalid_json');
  expect((await post(JSON.stringify({ a: 'x'.repeat(2000) }), {}).expect(413)).body.error.code).toBe('body_too_large');
  const latin1 = await post('{}', { 'content-type': 'application/json; charset=latin1' }).expect(415);
  expect(latin1.body.error.code).toBe('unsupported_charset');
});

test('any other client error keeps its status, with a generic code and none of its message', async () => {
  const res = await api.get('/teapot').expect(418);
  expect(res.body.error).toMatchObject({ code: 'i_m_a_teapot', message: "I'm a Teapot" });
});

test('our own errors keep code, details and headers', async () => {
  const res = await api.get('/ours').expect(409);
  expect(res.headers['retry-after']).toBe('3');
  expect(res.body.error).toMatchObject({ code: 'taken', details: { field: 'slug' } });
});

test('anything else is a bare 500 that shows no internals', async () => {
  const res = await api.get('/bug').expect(500);
  expect(res.body.error.code).toBe('internal_error');
  expect(res.text).not.toMatch(/secret|app\.ts/);
});
