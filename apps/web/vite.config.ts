import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Screens are lazy routes (src/routes.tsx), so each screen's code and its heavy libraries
 * load only when the screen is opened: recharts is imported only by chart components that
 * are themselves lazy (React.lazy), so it lands in chunks outside the initial bundle.
 */
export default defineConfig({
  root,
  plugins: [react(), tailwindcss()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: 'http://localhost:3000', changeOrigin: false, ws: false },
    },
  },
  preview: {
    proxy: {
      '/trpc': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    // No manualChunks: with rolldown a manual chunk also swallows shared dependencies (React
    // itself ended up in a "charts" chunk that every page then preloaded). Lazy imports alone
    // give recharts its own chunk, fetched only by the lazy chart components.
  },
});
