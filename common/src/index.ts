export { createLogger, type Logger } from './logger';
export { HttpError, errorHandler, notFoundHandler, type ErrorBody } from './http-errors';
// The header that carries a request id from service to service.
export { requestLogging, REQUEST_ID_HEADER } from './request-context';
export { requireServiceToken } from './service-auth';
export { parseInput, type FieldProblem } from './validate';
export { inputText } from './input-text';
export { INT4_MAX, jsonInt, textInt, jsonId, textId } from './input-integers';
export { findJsonProblem } from './json-nesting';
export { healthRoutes, type HealthOptions } from './health';
export { loadConfig, ConfigError } from './config';
export { shutDownGracefully, type ShutdownOptions } from './shutdown';
export { elapsedMs } from './timing';
export {
  DEV_SERVICE_TOKEN,
  commaList,
  serviceConfigFields,
  refuseDevTokenInProduction,
  devTokenInProductionIssue,
} from './service-config';
export { createServiceApp, type ServiceAppOptions } from './service-app';
export { runService } from './run-service';
// The JSON shapes of the services' APIs (book summary, book, page, search hit, review …).
export * from './api';
