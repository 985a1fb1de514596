#!/usr/bin/env node
// After `tsc` has compiled an app with its libraries into <outDir> (rootDir = workspace root),
// make each `@atlas/*` path alias of tsconfig.base.json resolvable at run time: write
// <outDir>/node_modules/<alias>/index.js re-exporting the compiled library. Node's ordinary
// module resolution then finds it from any file under <outDir>; no import is rewritten.
//   node tools/link-workspace-libs.mjs dist/apps/api
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.argv[2] ?? '');
if (!process.argv[2] || !existsSync(outDir)) {
  console.error(`usage: link-workspace-libs <compiled outDir>; ${outDir} does not exist`);
  process.exit(2);
}

const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
for (const [alias, [target]] of Object.entries(compilerOptions.paths ?? {})) {
  const compiled = join(outDir, target.replace(/^\.\//, '').replace(/\.ts$/, '.js'));
  if (!existsSync(compiled)) continue; // this app does not use that library
  const shimDir = join(outDir, 'node_modules', alias);
  mkdirSync(shimDir, { recursive: true });
  const from = relative(shimDir, compiled).split('\\').join('/');
  writeFileSync(join(shimDir, 'index.js'), `module.exports = require('${from.startsWith('.') ? from : `./${from}`}');\n`);
}
