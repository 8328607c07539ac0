// The JSON shapes the services exchange (TypeScript types only: the services are trusted
// peers behind a service token, so the types are the contract and tests exercise it).
export * from './catalog';
export * from './pages';
export * from './search';
export * from './reviews';
export * from './bestsellers';
export * from './sessions';
export * from './orders';
export * from './users';
export * from './rate-limits';
export * from './diagnostics';
export * from './admin';
