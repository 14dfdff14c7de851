import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The bench pages: the renderer's real database, finder and snapshot code (index.html) and the
 * Schedule screen (schedule.html) on bare pages, built
 * by bench/chromium.ts into a temporary folder (it passes `build.outDir`).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: {
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    rollupOptions: { input: { index: fileURLToPath(new URL('index.html', import.meta.url)), schedule: fileURLToPath(new URL('schedule.html', import.meta.url)) } },
  },
});
