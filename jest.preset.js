// Shared jest settings for every workspace. TypeScript is stripped by SWC, which needs no
// TypeScript compiler API (ts-jest does, and breaks on TypeScript 7); types are checked
// separately by `npm run typecheck`.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } },
    ],
  },
  // Workspaces import @bookstore/common from source, so tests never need a build first.
  moduleNameMapper: {
    '^@bookstore/common$': path.join(__dirname, 'common/src/index.ts'),
    '^@bookstore/common/testing$': path.join(__dirname, 'common/src/testing.ts'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  clearMocks: true,
};
