module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'lint-rules',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.spec.ts'],
  testTimeout: 60000,
};
