module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'demo-data',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
