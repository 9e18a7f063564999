import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // better-sqlite3 is native and deepl-node pulls in axios: both stay external.
      externalizeDeps: true,
      rollupOptions: {
        // The export, alignment and parser threads are entries of their own, beside the main
        // script (core/services/export-job.ts, align-threads.ts and parse-pool.ts find them there).
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          'parse-worker': resolve(__dirname, 'core/services/parse-worker.ts'),
          'export-worker': resolve(__dirname, 'core/services/export-worker.ts'),
          'align-worker': resolve(__dirname, 'core/services/align-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'main/preload/index.ts') },
        // A sandboxed preload must be CommonJS; with "type": "module" it would be emitted as .mjs.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      minify: 'esbuild',
      chunkSizeWarningLimit: 4096,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
      },
    },
    worker: { format: 'es' },
  },
});
