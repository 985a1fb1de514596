import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { atlasLintPlugin } from './tools/lint/api-module-surface.mjs';

/**
 * Layers, by tag. Scope: who may use a project (web never imports API code, shared libraries
 * nothing app-specific). Type: app → feature (report-parser: reading documents) → data
 * (report-samples, demo-data: documents and demo agencies built from the model) → util
 * (report-model, metrics, api-contract: pure model, rules, formulas, the endpoints' types). Tests
 * may reach one layer further: a util's spec builds its inputs with demo data, a data library's
 * spec reads its documents back.
 * `tools/lint/module-boundaries.spec.ts` proves a wrong-way import fails the lint.
 */
const scopeConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:cli', 'scope:shared'] },
  // Browser tests build their documents with the shared libraries (demo data, report model).
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
];

const boundaries = (typeConstraints) => [
  'error',
  { enforceBuildableLibDependency: true, allow: [], depConstraints: [...scopeConstraints, ...typeConstraints] },
];

export const moduleBoundariesRule = boundaries([
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:data', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
]);

const testBoundariesRule = boundaries([
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:data', 'type:util'] },
]);

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.data', '**/coverage', 'test-results', 'tmp', '**/*.timestamp*'],
  },
  {
    // Project sources only: config files (eslint, jest, vite) extend root files on purpose.
    files: ['**/src/**/*.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundariesRule },
  },
  {
    files: ['**/src/**/*.spec.ts', '**/src/test-support/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': testBoundariesRule },
  },
  {
    // Inside the API a bounded context is reached only through its modules/<context>/index.ts;
    // database/ lists every context's entities for TypeORM and is left out.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/database/**'],
    plugins: { atlas: atlasLintPlugin },
    rules: { 'atlas/api-module-surface': 'error' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
];
