// Browser tests: the built app on a free port with a fresh embedded database, driven through
// playwright-core in Debian's Chromium. Run with `npm run test:e2e` (it builds first).
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'browser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.browser-spec.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
