import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, minifySync, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { BOOT_SHELL_CSS, bootShellHtml } from './src/layout/bootShell.ts';
import { themeBootScript } from './src/lib/theme.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Puts the app shell (layout/bootShell.ts) into index.html: its CSS inline in the head, its markup
 * inside #root. The browser paints it before any JavaScript; React's first render replaces it
 * with the same markup. Inline styles only: the CSP allows `style-src 'unsafe-inline'`, never an
 * inline script.
 */
function bootShell(): Plugin {
  const CSS_MARK = '<!-- boot-shell:css -->';
  const HTML_MARK = '<!-- boot-shell -->';
  return {
    name: 'boot-shell',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(CSS_MARK) || !html.includes(HTML_MARK)) throw new Error(`index.html needs ${CSS_MARK} and ${HTML_MARK}`);
        return html.replace(CSS_MARK, `<style>${BOOT_SHELL_CSS}</style>`).replace(HTML_MARK, bootShellHtml('coalition'));
      },
    },
  };
}

/**
 * Applies the stored theme choice (lib/theme.ts) before the first paint. The CSP forbids inline
 * scripts, so it is a tiny external file with a content hash under assets/ (cached for good),
 * loaded render-blocking from the head before the stylesheet (so both download in parallel and
 * the stylesheet never waits for it). Without a stored choice the boot shell's CSS already follows
 * `prefers-color-scheme` on its own.
 */
function themeBoot(): Plugin {
  const MARK = '<!-- theme-boot -->';
  const source = minifySync('theme.js', themeBootScript()).code;
  const fileName = `assets/theme-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`;
  return {
    name: 'theme-boot',
    configureServer(server) {
      server.middlewares.use(`/${fileName}`, (_req, res) => {
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.end(source);
      });
    },
    // After Vite's own HTML processing, which would try to bundle a script it finds.
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!html.includes(MARK)) throw new Error(`index.html needs ${MARK}`);
        return html.replace(MARK, `<script src="/${fileName}"></script>`);
      },
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source });
    },
  };
}

/**
 * Screens are lazy routes (src/routes.tsx), so each screen's code and its heavy libraries
 * load only when the screen is opened: recharts is imported only by chart components that
 * are themselves lazy (React.lazy), so it lands in chunks outside the initial bundle. The app
 * shell's Radix parts are a lazy chunk too (layout/shell.ts), preloaded at startup.
 * `dist/.vite/manifest.json` lists each chunk's static imports: bench/lighthouse.ts's
 * `initialJsKb` adds up what index.html loads up front from it.
 */
export default defineConfig({
  root,
  plugins: [
    bootShell(),
    themeBoot(),
    react(),
    tailwindcss(),
    // Brotli and gzip files next to each asset, served as they are by the server
    // (@fastify/static `preCompressed`): no compression work per request, and brotli at its best.
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|html|svg)$/, threshold: 1024 }),
  ],
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
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    // No manualChunks: with rolldown a manual chunk also swallows shared dependencies (React
    // itself ended up in a "charts" chunk that every page then preloaded). Lazy imports alone
    // give recharts its own chunk, fetched only by the lazy chart components.
    // A few groups keep the number of requests down (over HTTP/1.1 each costs a round trip on a
    // phone): what the entry needs in one chunk; Radix and its positioning/scroll-lock helpers
    // (the app shell needs most of it) in one; the icons in one; the app's shared modules (UI
    // kit, lib, the shell itself) in one. Everything else splits
    // automatically, so recharts, react-hook-form and zod stay with the screens that use them.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'], priority: 30 },
            {
              name: 'radix',
              test: /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(radix-ui|@radix-ui|@floating-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-sidecar|use-callback-ref|aria-hidden|get-nonce|tslib)[\\/]/,
              priority: 20,
            },
            { name: 'icons', test: /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?lucide-react[\\/]/, priority: 10 },
            {
              // The app's own shared code (UI kit, lib, the shell), but not the form helpers,
              // which import react-hook-form and zod, nor the UI kit's barrel (it re-exports
              // them), nor the command palette's lazy parts (cmdk); node_modules stay where they are.
              name: 'common',
              test: (id: string) =>
                /[\\/]apps[\\/]web[\\/]src[\\/](components|lib|layout)[\\/]/.test(id) &&
                !/(forms\.ts|FormDialog|FormError|SelectField|components[\\/]index\.ts|CommandPalette(?!Host))/.test(id),
              includeDependenciesRecursively: false,
              priority: 5,
            },
          ],
        },
      },
    },
  },
});
