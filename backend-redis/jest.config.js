module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'backend-redis',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testTimeout: 30_000,
};
