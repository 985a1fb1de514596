module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'report-parser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // A spec's first PDF loads pdfjs (tens of MB of code); `npm test` runs the API's integration
  // specs beside these, so on two busy cores a first parse can take longer than Jest's 5 s.
  testTimeout: 30_000,
};
