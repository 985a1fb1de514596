import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.mjs';

const emptyModule = fileURLToPath(new URL('./src/test/empty-module.ts', import.meta.url));

export default mergeConfig(
  viteConfig,
  defineConfig({
    resolve: {
      // Element Plus stays external (fast); its per-component CSS entries are not loadable by Node.
      alias: [
        { find: /^element-plus\/es\/components\/[^/]+\/style\/css$/, replacement: emptyModule },
      ],
    },
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.spec.ts'],
      restoreMocks: true,
      unstubGlobals: true,
    },
  }),
);
