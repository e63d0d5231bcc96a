import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';
import { splitStrings } from './splitStrings.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const serverOrigin = 'http://localhost:3000';

// The config lives in web/ (not the repo root) so that Vitest, which falls back to a root
// vite.config.ts, keeps using the server's own test setup.
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: 'public',
  plugins: [react(), splitStrings(), precompress()],
  // The API's schemas and vocabularies, shared with the server (src/contract is pure: zod only).
  resolve: { alias: { '@contract': fileURLToPath(new URL('../src/contract', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // antd and ProLayout make one large vendor chunk; the limit is raised so the warning only fires
    // when something unexpected lands in the first load.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      preserveEntrySignatures: false,
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /node_modules/, tags: ['$initial'] },
            // One chunk per feature's contract: otherwise the schemas shared by several pages are pooled
            // with the API client, and the public report page downloaded every feature's vocabulary.
            {
              name: (id) => {
                const feature = /[\\/]src[\\/]contract[\\/]([^\\/.]+)/.exec(id)?.[1];
                return feature ? `contract-${feature}` : null;
              },
              test: /[\\/]src[\\/]contract[\\/]/,
              debugName: 'contract',
            },
          ],
          experimentalInlineCommonChunks: { maxSize: 24_000 },
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': serverOrigin,
      '/metrics': serverOrigin,
    },
  },
  preview: { port: 4173 },
});
