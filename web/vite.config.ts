import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstLoad } from './firstLoad.ts';
import { precompress } from './precompress.ts';
import { splitStrings } from './splitStrings.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const serverOrigin = 'http://localhost:3000';

/**
 * antd's pieces of the signed-in frame (AppShell's drawer and menu, AccountMenu's dropdown): left to the
 * bundler, they were six files, each a round trip. (Modal and message are not in it: they come with
 * the dialogs that use them, e.g. reports/drawer/AcknowledgeConfirm.tsx, on the first click.)
 */
const shellUi = /node_modules[\\/]antd[\\/]es[\\/](drawer|menu|dropdown|tooltip)[\\/]/;

/**
 * The landing pages (signed in: the start page and my work; signed out: the public report): their chunks and first data are asked for by a small script named first in
 * index.html, with the entry's scripts rather than after them (web/firstLoad.ts; benchmark 7).
 */
const landingPages = {
  '/': { modules: ['src/features/home/HomePage.tsx', 'src/app/layout/AppShell.tsx'] },
  '/my-work': {
    modules: ['src/features/my-work/MyWorkPage.tsx', 'src/app/layout/AppShell.tsx'],
    data: ['/api/my-work'],
  },
  '/report': { modules: ['src/features/reports/public/PublicReportPage.tsx'] },
};

// The config lives in web/ (not the repo root) so that Vitest, which falls back to a root
// vite.config.ts, keeps using the server's own test setup.
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: 'public',
  plugins: [react(), splitStrings(), firstLoad(landingPages), precompress()],
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
            // The rest of the first scripts (API client, feature registry, the contracts they read): one file
            // (it was six; each file is a request, six at a time per host, 400 ms apiece on slow 3G).
            { name: 'app', test: (id) => !/node_modules|[\\/]main\.tsx$/.test(id), tags: ['$initial'] },
            // Only these directories: with their dependencies, the public report page (which shares some of
            // them) would download the whole group.
            { name: 'shell-ui', test: shellUi, includeDependenciesRecursively: false },
          ],
          // Shared pieces (a feature's contract, a helper two pages use) under ~64 KB of source are copied
          // into each page that needs them rather than fetched as files of their own: a few KB more
          // per page, but a director's my work went from 24 files after the entry to 7 (docs/performance.md).
          experimentalInlineCommonChunks: { maxSize: 64_000 },
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
