import os from 'node:os';
import type { Endpoint } from '@bookstore/common';
import { instanceMetadataLookup, type InstanceLookup } from './instance-metadata';

/** DIAGNOSTICS_ACCESS: who may open the diagnostics pages. */
export type DiagnosticsAccess = 'public' | 'admin' | 'off';

/** What the diagnostics pages are built from (AppDeps.diagnostics). */
export interface DiagnosticsDeps {
  access: DiagnosticsAccess;
  /** APP_VERSION of the frontend. */
  version: string;
  hostName: string;
  /** Each hop's deadline: DIAGNOSTICS_TIMEOUT_MS. */
  timeoutMs: number;
  /** Where the frontend calls each backend (host and port of BACKEND_*_URL, nothing else). */
  backendEndpoints: { rds: Endpoint; redis: Endpoint };
  instance: InstanceLookup;
}

/** Host and port of an http(s) URL: a user or password in it is never kept. */
export function endpointOf(url: string): Endpoint {
  const parsed = new URL(url);
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  return { host: parsed.hostname, port };
}

export function diagnosticsDeps(config: {
  DIAGNOSTICS_ACCESS: DiagnosticsAccess;
  APP_VERSION: string;
  DIAGNOSTICS_TIMEOUT_MS: number;
  BACKEND_RDS_URL: string;
  BACKEND_REDIS_URL: string;
  INSTANCE_METADATA_URL: string;
  INSTANCE_METADATA_TIMEOUT_MS: number;
}): DiagnosticsDeps {
  return {
    access: config.DIAGNOSTICS_ACCESS,
    version: config.APP_VERSION,
    hostName: os.hostname(),
    timeoutMs: config.DIAGNOSTICS_TIMEOUT_MS,
    backendEndpoints: { rds: endpointOf(config.BACKEND_RDS_URL), redis: endpointOf(config.BACKEND_REDIS_URL) },
    instance: instanceMetadataLookup(
      config.INSTANCE_METADATA_URL === 'off' ? undefined : config.INSTANCE_METADATA_URL,
      config.INSTANCE_METADATA_TIMEOUT_MS,
    ),
  };
}
