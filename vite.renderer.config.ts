import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the renderer alone, for the Node host (`npm run web`) and the end-to-end tests. */
export default defineConfig({
  root: resolve('src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve('out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
