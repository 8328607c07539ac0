import { readConfig } from '../config';
import { diagnosticsDeps, endpointOf } from './settings';

test('an address keeps its host and port only, never a user or password', () => {
  expect(endpointOf('http://user:secret@backend-rds:8001/some/path?token=x')).toEqual({ host: 'backend-rds', port: 8001 });
  expect(endpointOf('https://backend.internal')).toEqual({ host: 'backend.internal', port: 443 });
});

test('the defaults: public diagnostics, IMDS at its link-local address with a 300 ms timeout', () => {
  const config = readConfig({});
  expect(config.DIAGNOSTICS_ACCESS).toBe('public');
  expect(config.INSTANCE_METADATA_URL).toBe('http://169.254.169.254');
  expect(config.INSTANCE_METADATA_TIMEOUT_MS).toBe(300);
  expect(config.APP_VERSION.length).toBeGreaterThan(0);
});

test('DIAGNOSTICS_ACCESS takes public, admin or off only', () => {
  expect(readConfig({ DIAGNOSTICS_ACCESS: 'admin' }).DIAGNOSTICS_ACCESS).toBe('admin');
  expect(() => readConfig({ DIAGNOSTICS_ACCESS: 'everyone' })).toThrow(/DIAGNOSTICS_ACCESS/);
});

test('INSTANCE_METADATA_URL=off: the metadata service is never asked', async () => {
  const deps = diagnosticsDeps({ ...readConfig({}), INSTANCE_METADATA_URL: 'off' });
  await expect(deps.instance()).resolves.toBeNull();
});
