module.exports = { ...require('../jest.preset.js'), displayName: 'common', roots: ['<rootDir>/src'] };
