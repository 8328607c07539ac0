module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'backend-rds',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Orders, search and concurrency tests talk to a real PostgreSQL; give them room.
  testTimeout: 30_000,
};
