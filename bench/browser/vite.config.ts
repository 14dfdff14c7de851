import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The bench page: the renderer's real database, finder and snapshot code on a bare page, built
 * by bench/chromium.ts into a temporary folder (it passes `build.outDir`).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
});
