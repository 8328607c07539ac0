import type { DiagnosticFailure } from '@bookstore/common';

// The shape of /diagnostics.json (and of the page's view model): one row per hop.

export const HOP_GROUPS = ['nginx', 'rds', 'redis'] as const;
/** What one "test again" button tests: nginx → frontend; frontend → backend-rds → PostgreSQL; frontend → backend-redis → Redis. */
export type HopGroup = (typeof HOP_GROUPS)[number];

export type HopId = 'nginx' | 'backend-rds' | 'postgresql' | 'backend-redis' | 'redis';

/** `untested`: not part of this run, or the hop before it failed. */
export type HopStatus = 'ok' | 'warning' | 'failing' | 'untested';

export interface HopFact {
  name: string;
  label: string;
  value: string;
}

export interface Hop {
  id: HopId;
  group: HopGroup;
  from: string;
  to: string;
  status: HopStatus;
  /** Milliseconds, measured where the hop starts; null when not measured here. */
  latencyMs: number | null;
  /** One sentence: what this run found. */
  summary: string;
  failure: DiagnosticFailure | null;
  /** What the learner needs at this stage: host and port, TLS, mode, version. */
  facts: HopFact[];
}

export interface ServedBy {
  hostName: string;
  /** From IMDSv2; null off AWS. */
  instanceId: string | null;
  availabilityZone: string | null;
  instanceType: string | null;
  version: string;
}

export interface DiagnosticsReport {
  /** No tested hop is failing. */
  ok: boolean;
  checkedAt: string;
  tested: HopGroup[];
  servedBy: ServedBy;
  hops: Hop[];
}

export const fact = (name: string, label: string, value: string | number): HopFact => ({ name, label, value: String(value) });

export const untested = (hop: Omit<Hop, 'status' | 'latencyMs' | 'failure' | 'facts' | 'summary'>, summary: string): Hop => ({
  ...hop,
  status: 'untested',
  latencyMs: null,
  summary,
  failure: null,
  facts: [],
});
