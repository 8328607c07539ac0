// What the services' tests share, imported as `@bookstore/common/testing`: kept out of the
// main entry so no production build carries test-only code.
export { listRoutes, type RouteInfo } from './route-list';
export { hostileRequests } from './hostile-input';
export { findHostileFailures } from './hostile-answers';
