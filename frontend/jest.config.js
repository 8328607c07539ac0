module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'frontend',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  // The real backends, started once per run (test/stack/): a database and a Redis key prefix of their own.
  globalSetup: '<rootDir>/test/stack/global-setup.ts',
  globalTeardown: '<rootDir>/test/stack/global-teardown.ts',
  testTimeout: 20_000,
  // The browser tests have a stack and a config of their own: jest.browser.config.js.
  testPathIgnorePatterns: [...require('../jest.preset.js').testPathIgnorePatterns, '<rootDir>/test/browser/'],
};
