// What the app is built from. Routes and services import this file, never app.ts, so
// no import circle runs through the app.
import type { Logger } from '@bookstore/common';
import type { ServiceSettings } from './config';
import type { Redis } from './redis/client';
import type { KeyBuilder } from './redis/keys';
import type { RedisDiagnostics } from './health/redis-diagnostics';

export interface AppDeps {
  redis: Redis;
  keys: KeyBuilder;
  logger: Logger;
  serviceToken: string;
  settings: ServiceSettings;
  /** Now, injectable so tests can record bestsellers "six days ago". */
  clock: () => Date;
  /** What GET /diagnostics may show and how it probes Redis; without it the route is not mounted. */
  diagnostics?: RedisDiagnostics;
}
