// What the app is built from. Routes and middleware import this file, never app.ts, so no
// import circle runs through the app.
import type { Logger } from '@bookstore/common';
import type { Backends } from './backends';
import type { AssetUrls } from './web/assets';
import type { DiagnosticsDeps } from './diagnostics/settings';

export interface FrontendSettings {
  nodeEnv: 'development' | 'test' | 'production';
  /** HMAC secret of the CSRF tokens. */
  cookieSecret: string;
  /** `app.set('trust proxy', …)`: how many proxies (nginx) may tell us the scheme and client. */
  trustProxyHops: number;
  /** Absolute links (sitemap, Open Graph); undefined: the request's own scheme and host. */
  publicBaseUrl?: string;
  /** Serve frontend/public under /static/ (without nginx). */
  serveStatic: boolean;
  /** Deadline of `POST /orders` (the card is charged inside it). */
  checkoutTimeoutMs: number;
}

export interface AppDeps {
  logger: Logger;
  backends: Backends;
  settings: FrontendSettings;
  /** Versioned URLs of the files in frontend/public. */
  assets: AssetUrls;
  /** /diagnostics and the Django checks; without it (tests that do not ask) they do not exist. */
  diagnostics?: DiagnosticsDeps;
}
