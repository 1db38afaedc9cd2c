import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Screens are lazy routes (src/routes.tsx), so each screen's code and its heavy libraries
 * load only when the screen is opened: recharts is imported only by chart components that
 * are themselves lazy, and ends in its own chunk.
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
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/[\\/](recharts|d3-[a-z-]+|victory-vendor|decimal\.js-light|internmap|@reduxjs|redux|redux-thunk|immer|react-redux|reselect)[\\/]/.test(id)) {
            return 'charts';
          }
          return undefined;
        },
      },
    },
  },
});
