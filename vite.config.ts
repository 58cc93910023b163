import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const here = path.dirname(fileURLToPath(import.meta.url));

// The web app lives in src/web and is built into dist/web, which the Fastify server serves.
export default defineConfig({
  root: path.join(here, 'src/web'),
  // A .br and a .gz beside each script, style and page, served by @fastify/static (preCompressed).
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' })],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    // Keep the initial download small (PRODUCT.md: ≤ 250 KB compressed); pages load on demand.
    chunkSizeWarningLimit: 600,
    sourcemap: false,
  },
  server: {
    port: 5173,
    // npm run dev: the API server started beside it (PORT, as the server reads it).
    proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` },
  },
});
