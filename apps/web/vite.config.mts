import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig, type Alias, type Plugin } from 'vite';

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

const APP_SOURCE = /[\\/]apps[\\/]web[\\/]src[\\/]/;
/**
 * The early entry's modules (and Vite's preload helper, which its dynamic imports use): a chunk
 * of their own, since in the frame's chunk the early entry would wait for the whole frame.
 */
const EARLY_ENTRY_MODULES =
  /[\\/]src[\\/](early-page|api[\\/]early-requests|router[\\/]page-loaders|stores[\\/]storage)\.ts$|preload-helper/;

/**
 * `src/early-page.ts` as an entry of its own, its script first in index.html: a few hundred
 * bytes that start loading the page being opened while the app's own chunks still download.
 * (Vite would fold a second script of index.html into the app's entry, which runs only once
 * all of the app's code has arrived.)
 */
function earlyPageEntry(): Plugin {
  const name = 'early-page';
  return {
    name: 'atlas-early-page',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: resolve(projectRoot, 'src/early-page.ts'), name });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.isEntry && output.name === name,
        );
        if (!chunk) throw new Error('the early-page entry is missing from the bundle');
        return [
          {
            tag: 'script',
            attrs: { type: 'module', crossorigin: true, src: `/${chunk.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

/**
 * Brotli and gzip copies of every hashed asset next to it (`x.js.br`, `x.js.gz`), made once at
 * build time; the API sends the one the browser accepts (`serve-web-app.ts`), so a first visit
 * downloads about a third of the bytes without compressing anything per request.
 */
function precompressedAssets(): Plugin {
  let outDir = '';
  return {
    name: 'atlas-precompressed-assets',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter(
        (file) => file.startsWith('assets/') && /\.(js|css|svg)$/.test(file),
      );
      await Promise.all(
        files.map(async (file) => {
          const path = join(outDir, file);
          const content = await readFile(path);
          if (content.length < 1024) return;
          await writeFile(`${path}.br`, await promisify(brotliCompress)(content));
          await writeFile(`${path}.gz`, await promisify(gzip)(content, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  root: projectRoot,
  cacheDir: resolve(workspaceRoot, 'node_modules/.vite/apps/web'),
  plugins: [
    vue(),
    earlyPageEntry(),
    precompressedAssets(),
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
          groups: [
            // The framework changes rarely: one long-cached chunk.
            {
              name: 'framework',
              test: /[\\/]node_modules[\\/](vue|@vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/,
              priority: 5,
            },
            // ECharts: only the pages with charts load it.
            {
              name: 'echarts',
              test: /[\\/]node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/,
              priority: 4,
            },
            // What the app's frame needs (`$initial`: statically imported by an entry): the
            // libraries in one chunk, the app's own code in another.
            {
              name: 'libraries',
              test: /[\\/]node_modules[\\/]/,
              tags: ['$initial'],
              priority: 3,
            },
            // The early entry's few modules first, so that it runs before the frame has arrived.
            { name: 'early', test: EARLY_ENTRY_MODULES, priority: 6 },
            {
              name: 'frame',
              test: APP_SOURCE,
              tags: ['$initial'],
              priority: 3,
            },
            // What only pages use, in two chunks rather than one per component: the libraries
            // (Element Plus' table, tree, date picker… and their styles) and the app's own
            // components and composables used by more than one page. Left to Rolldown they came
            // as some sixty small files a page, queued six at a time by the browser, which cost
            // a cold page more than a second on this machine; a first visit (the sign-in page)
            // still loads none of them.
            {
              name: 'page-libraries',
              test: /[\\/]node_modules[\\/]/,
              priority: 2,
            },
            {
              name: 'page-components',
              test: (id) => APP_SOURCE.test(id) && !/[\\/]src[\\/]views[\\/]/.test(id),
              minShareCount: 2,
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
