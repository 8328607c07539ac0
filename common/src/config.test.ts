import { z } from 'zod';
import { ConfigError, loadConfig } from './config';

const schema = z.object({
  PORT: z.coerce.number().int().default(8001),
  DATABASE_URL: z.url(),
});

test('defaults apply to unset and empty variables', () => {
  expect(loadConfig(schema, { PORT: '', DATABASE_URL: 'postgresql://x@h/db' })).toEqual({
    PORT: 8001,
    DATABASE_URL: 'postgresql://x@h/db',
  });
});

test('a bad variable stops the start and is named', () => {
  expect(() => loadConfig(schema, { PORT: 'eighty', DATABASE_URL: 'nope' })).toThrow(ConfigError);
  expect(() => loadConfig(schema, { PORT: 'eighty', DATABASE_URL: 'nope' })).toThrow(
    /PORT: .*\n.*DATABASE_URL/,
  );
});
