// The browser tests (test/browser/): Debian's Chromium through playwright-core, against the
// whole shop behind nginx, started once per run. `npm test` runs them after the route tests
// (.ci/test.sh); alone: `npx jest -c jest.browser.config.js` in frontend/.
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'frontend-browser',
  roots: ['<rootDir>/test/browser'],
  globalSetup: '<rootDir>/test/browser/stack/global-setup.ts',
  globalTeardown: '<rootDir>/test/browser/stack/global-teardown.ts',
  // Two Chromiums beside five services is what two cores hold.
  maxWorkers: 2,
  testTimeout: 60_000,
};
