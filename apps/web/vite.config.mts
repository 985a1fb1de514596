import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig, type Alias } from 'vite';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = resolve(projectRoot, '../..');
const apiTarget = process.env.ATLAS_API_URL || 'http://localhost:3000';
const apiProxy = { '/api': { target: apiTarget, changeOrigin: true } };

/**
 * tsconfig.base.json is the one place where workspace libraries get their import names,
 * so Vite (and Vitest through it) reads the aliases from there instead of repeating them.
 */
function workspaceAliases(): Alias[] {
  const tsconfig = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8'));
  const paths: Record<string, string[]> = tsconfig.compilerOptions?.paths ?? {};
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return Object.entries(paths).map(([name, [target]]) =>
    name.endsWith('/*')
      ? {
          find: new RegExp(`^${escape(name.slice(0, -2))}/(.*)$`),
          replacement: resolve(workspaceRoot, target.replace('*', '$1')),
        }
      : { find: new RegExp(`^${escape(name)}$`), replacement: resolve(workspaceRoot, target) },
  );
}

export default defineConfig({
  root: projectRoot,
  cacheDir: resolve(workspaceRoot, 'node_modules/.vite/apps/web'),
  plugins: [
    vue(),
    Components({
      // Only Element Plus is resolved automatically; app components are imported explicitly.
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      // Committed, so vue-tsc passes on a clean clone; tests must not rewrite it.
      dts: process.env.VITEST ? false : resolve(projectRoot, 'src/types/components.d.ts'),
    }),
  ],
  resolve: { alias: workspaceAliases() },
  define: {
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: { port: 4200, host: 'localhost', proxy: apiProxy },
  preview: { port: 4300, host: 'localhost', proxy: apiProxy },
  build: {
    outDir: resolve(workspaceRoot, 'dist/apps/web'),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The framework changes rarely: one long-cached chunk. Element Plus is left to the
          // default splitting so each page only pulls the components it uses.
          groups: [
            {
              name: 'framework',
              test: /[\\/]node_modules[\\/](vue|@vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
