// Builds the UI into web/bundle/, which `rayzan serve` reads at start-up.
// The bundle is committed so that a fresh clone serves the UI without npm;
// tests/browser/run rebuilds it and fails when the committed one is stale.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.RAYZAN_WEB_OUT || 'bundle',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 300,
  },
  server: {
    // `npm run dev` proxies the API to a running `rayzan serve`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
