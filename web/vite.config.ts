import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The server's CSP allows no inline script or style and no eval, so nothing may
// be inlined into index.html: no data: assets, no modulepreload polyfill.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
  // `npm run dev -w web` against a server started with `npm start`.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
