/**
 * Builds the renderer into renderer/dist with relative URLs, so the same files load from app://app/ in
 * Electron and from the web bridge's loopback origin in tests.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would be injected as inline script, which the CSP forbids; Chromium needs no polyfill.
    modulePreload: { polyfill: false },
    target: 'chrome130',
    sourcemap: false,
  },
  // No dev-server HMR preamble leaks into builds; the dev server is only for `vite` runs by hand.
  server: { host: '127.0.0.1', strictPort: true },
});
