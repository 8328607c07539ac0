// What each backend says about itself and its data store at `GET /diagnostics` (service
// token required), for the frontend's /diagnostics page. Host names and ports appear here on
// purpose; user names, passwords, tokens and whole connection strings never do.

/** Why a hop failed, in words a learner can act on. */
export interface DiagnosticFailure {
  /**
   * `connection_refused`, `timeout`, `dns_failure`, `tls_error`, `tls_required`,
   * `auth_failed`, `access_denied`, `database_missing`, `restarting`,
   * `too_many_connections`, `connection_lost`, `not_connected`, `unknown`; the frontend adds
   * `service_token_rejected` and `backend_error` for its own hops.
   */
  code: string;
  /** What went wrong, one sentence. */
  summary: string;
  /** What to check, most likely first. */
  checks: string[];
}

export interface Endpoint {
  host: string;
  port: number;
}

/** One timed round trip to the data store: a query or a PING. */
export type StoreCheck =
  | { ok: true; latencyMs: number }
  | { ok: false; latencyMs: number; failure: DiagnosticFailure };

export interface StoreDiagnostics {
  kind: 'postgresql' | 'redis';
  /** Where the service connects (cluster mode: the seed nodes). */
  endpoints: Endpoint[];
  /**
   * Whether the connection is encrypted. PostgreSQL: as the server reports this very
   * connection (`pg_stat_ssl`), null when it could not be asked; Redis: as configured.
   */
  tls: boolean | null;
  /** `TLSv1.3`, `verified against DATABASE_CA_CERT_PATH` …; null when there is nothing to add. */
  tlsDetail: string | null;
  /** Redis only. */
  mode: 'standalone' | 'cluster' | null;
  /** PostgreSQL only: read replicas configured besides the primary. */
  replicaCount: number | null;
  check: StoreCheck;
}

export interface BackendDiagnostics {
  service: 'backend-rds' | 'backend-redis';
  /** APP_VERSION: an image tag or a commit. */
  version: string;
  /** The machine (or container) that answered. */
  hostName: string;
  /** How long the backend spent on this answer, the store's check included. */
  elapsedMs: number;
  store: StoreDiagnostics;
}
