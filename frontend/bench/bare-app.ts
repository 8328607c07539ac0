// The bench's yardstick: a bare Express route returning a constant, in a process of its
// own, served through the same nginx as the shop (bench/run.ts).   PORT=… tsx bench/bare-app.ts
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.get('/', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => server.close());
