/**
 * The app shell painted before any JavaScript runs: top bar, sidebar (≥ md) and a skeleton of the
 * page, styled by a few lines of inline CSS. One source for both places that show it:
 *  - `index.html` gets it at build (and dev) time from the `boot-shell` plugin in vite.config.ts,
 *    inside `#root`, with the CSS in an inline `<style>` in the head (allowed by the CSP's
 *    `style-src 'unsafe-inline'`; no script is inlined);
 *  - React renders the very same markup (`<ShellSkeleton>`) while the session and the real shell
 *    load, so its first render replaces the static shell with an identical one: no flash.
 * Geometry follows `AppShell.tsx`: a 56 px top bar with a bottom border, a 224 px sidebar from the
 * md breakpoint (768 px), the page in `max-w-6xl px-4 py-5 sm:px-6 sm:py-6`. Change both together.
 * Plain strings only (no JSX, no imports): vite.config.ts imports this file at build time.
 */

export type BootShellVariant = 'coalition' | 'home';

/**
 * The shell's colours (Tailwind's slate-50/100/200/600 and white), light and dark. Dark follows
 * the system's `prefers-color-scheme` by itself (no script needed) unless the boot script of
 * lib/theme.ts put an explicit choice on `<html>` (class `light` or `dark`) before the first paint.
 * The dark values are index.css's `.dark` palette (slate-50 page, the white surface, slate-200 …).
 */
const LIGHT_VARS = '--bs-page:#f8fafc;--bs-surface:#fff;--bs-line:#e2e8f0;--bs-icon:#475569;--bs-sk:rgb(226 232 240/.7);--bs-side:rgb(241 245 249/.6)';
const DARK_VARS = '--bs-page:#0a101c;--bs-surface:#121926;--bs-line:#273041;--bs-icon:#adb6c7;--bs-sk:rgb(39 48 65/.7);--bs-side:rgb(27 35 49/.6);color-scheme:dark';

/**
 * Inline CSS for the shell (its breakpoints are Tailwind's: sm 40rem, md 48rem, lg 64rem). Only
 * the build uses it (index.html's head): marked pure so the browser bundle leaves it out.
 */
export const BOOT_SHELL_CSS = /* @__PURE__ */ [
  `:root{${LIGHT_VARS}}`,
  `@media (prefers-color-scheme:dark){:root:not(.light){${DARK_VARS}}}`,
  `:root.dark{${DARK_VARS}}`,
  'body{margin:0;background:var(--bs-page)}',
  '.bs,.bs *{box-sizing:border-box}',
  '.bs{display:flex;flex-direction:column;min-height:100vh;min-height:100dvh;background:var(--bs-page);font-family:ui-sans-serif,system-ui,sans-serif}',
  '.bs-top{position:sticky;top:0;z-index:30;border-bottom:1px solid var(--bs-line);background:var(--bs-surface)}',
  '.bs-bar{display:flex;height:3.5rem;align-items:center;gap:.5rem;padding:0 .75rem}',
  '.bs-menu{display:flex;width:2.25rem;height:2.25rem;flex-shrink:0;align-items:center;justify-content:center;color:var(--bs-icon)}',
  '.bs-logo{display:block;width:1.75rem;height:1.75rem;flex-shrink:0}',
  '.bs-sep{display:none;width:1px;height:1.25rem;margin:0 .25rem;background:var(--bs-line)}',
  '.bs-grow{flex:1;min-width:0;padding:0 .5rem}',
  '.bs-sk{display:block;border-radius:.375rem;background:var(--bs-sk);animation:bs-pulse 2s cubic-bezier(.4,0,.6,1) infinite}',
  '.bs-name{width:8rem;height:1rem}',
  '.bs-avatar{width:2rem;height:2rem;flex-shrink:0;border-radius:9999px}',
  '.bs-body{display:flex;flex:1;min-height:0}',
  '.bs-side{display:none;width:14rem;flex-shrink:0;border-right:1px solid var(--bs-line);background:var(--bs-side)}',
  '.bs-nav{display:flex;flex-direction:column;gap:.125rem;padding:.75rem}',
  '.bs-item{display:flex;height:2rem;align-items:center;gap:.625rem;padding:0 .625rem}',
  '.bs-icon{width:1rem;height:1rem;border-radius:.25rem}',
  '.bs-label{height:.75rem;width:6rem}',
  '.bs-main{flex:1;min-width:0}',
  '.bs-page{width:100%;max-width:72rem;margin:0 auto;padding:1.25rem 1rem}',
  '.bs-eyebrow{width:6rem;height:1rem;margin-bottom:.5rem}',
  '.bs-title{width:66%;height:1.75rem;margin-bottom:1.5rem}',
  '.bs-tiles{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.75rem}',
  '.bs-tile{height:7rem;border-radius:.75rem}',
  '.bs-cards{display:grid;gap:1.25rem;margin-top:1.25rem}',
  '.bs-card{height:16rem;border-radius:.75rem}',
  '.bs-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}',
  '@media (min-width:40rem){.bs-bar{padding:0 1rem}.bs-sep{display:block}.bs-page{padding:1.5rem}}',
  '@media (min-width:48rem){.bs-menu{display:none}.bs-side{display:block}}',
  '@media (min-width:64rem){.bs-tiles{grid-template-columns:repeat(4,minmax(0,1fr))}.bs-cards{grid-template-columns:repeat(5,minmax(0,1fr))}.bs-c3{grid-column:span 3}.bs-c2{grid-column:span 2}}',
  '@keyframes bs-pulse{50%{opacity:.5}}',
  '@media (prefers-reduced-motion:reduce){.bs-sk{animation:none}}',
].join('');

/** The logo of `AppShell` (`Logo`), as markup. */
const LOGO =
  '<svg class="bs-logo" aria-hidden="true" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4338ca"/><circle cx="11" cy="12" r="4" fill="#fff"/><circle cx="21" cy="12" r="4" fill="#c7d2fe"/><circle cx="16" cy="21" r="4" fill="#a5b4fc"/></svg>';

/** lucide's "menu" icon, where the real shell has its "Open navigation" button (below md). */
const MENU_ICON =
  '<span class="bs-menu"><svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M4 5h16"/><path d="M4 12h16"/><path d="M4 19h16"/></svg></span>';

/** The sidebar's entries: NAV.length in layout/nav.ts (kept as a number: this file is read at build time). */
const NAV_ITEMS = 9;

/** The class of the shell's outer element (a `role=status` div; React's `ShellSkeleton` renders the same). */
export const BOOT_SHELL_CLASS = 'bs';

/** The inside of the shell's outer `<div class="bs">`. */
export function bootShellInner(variant: BootShellVariant): string {
  const inCoalition = variant === 'coalition';
  const sk = (cls: string) => `<span class="bs-sk ${cls}"></span>`;
  const nav = inCoalition
    ? `<div class="bs-side"><div class="bs-nav">${`<div class="bs-item">${sk('bs-icon')}${sk('bs-label')}</div>`.repeat(NAV_ITEMS)}</div></div>`
    : '';
  return (
    `<p class="bs-sr">Loading Coalition Planner…</p>` +
    `<div class="bs-top"><div class="bs-bar">${inCoalition ? MENU_ICON : ''}${LOGO}<span class="bs-sep"></span>` +
    `<div class="bs-grow">${sk('bs-name')}</div>${sk('bs-avatar')}</div></div>` +
    `<div class="bs-body">${nav}<div class="bs-main"><div class="bs-page">` +
    `${sk('bs-eyebrow')}${sk('bs-title')}` +
    `<div class="bs-tiles">${sk('bs-tile').repeat(4)}</div>` +
    `<div class="bs-cards">${sk('bs-card bs-c3')}${sk('bs-card bs-c2')}</div>` +
    `</div></div></div>`
  );
}

/** The whole shell, for index.html. Before JavaScript the route is unknown: the coalition variant (most deep links). */
export function bootShellHtml(variant: BootShellVariant = 'coalition'): string {
  return `<div role="status" aria-live="polite" class="${BOOT_SHELL_CLASS}">${bootShellInner(variant)}</div>`;
}

/** Which shell a path gets: the coalition screens have the sidebar. */
export function bootShellVariant(pathname: string): BootShellVariant {
  return /^\/c\/[^/]+/.test(pathname) ? 'coalition' : 'home';
}
