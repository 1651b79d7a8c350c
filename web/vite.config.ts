/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// Where `npm run dev` and `vite preview` send /api (HTTP and WebSocket).
// Start parleyd with `--allowed-origin http://127.0.0.1:5173` for the dev server.
const apiTarget = process.env.PARLEY_URL ?? 'http://127.0.0.1:8080';

// The same policy parleyd sends, so that `vite preview` catches CSP mistakes too.
const securityHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
};

const proxy = { '/api': { target: apiTarget, ws: true, changeOrigin: false } };

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, assetsInlineLimit: 0 },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, headers: securityHeaders, proxy },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
