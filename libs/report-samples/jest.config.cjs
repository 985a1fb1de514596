module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'report-samples',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
