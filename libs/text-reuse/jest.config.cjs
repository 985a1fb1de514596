module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'text-reuse',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
