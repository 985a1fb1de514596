module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'report-parser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
