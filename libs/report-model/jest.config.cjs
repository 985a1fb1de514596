module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'report-model',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
