// Unit specs live beside the code; integration specs in test/ boot the real AppModule against
// one PostgreSQL per run (embedded in a temporary directory unless DATABASE_URL is set).
const preset = require('../../jest.preset.cjs');

module.exports = {
  displayName: 'api',
  rootDir: __dirname,
  // A global option (a project's own is ignored): integration specs boot the app and PostgreSQL.
  testTimeout: 30000,
  projects: [
    {
      ...preset,
      displayName: 'api:unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...preset,
      displayName: 'api:integration',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testTimeout: 30000,
    },
  ],
};
