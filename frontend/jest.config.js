module.exports = { ...require('../jest.preset.js'), displayName: 'frontend', roots: ['<rootDir>/src', '<rootDir>/test'] };
