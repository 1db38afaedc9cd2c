/**
 * The app shell, loaded lazily: its top bar brings Radix (dropdown menus, the phone navigation
 * dialog, tooltips with their positioning engine), which the first paint does not need. main.tsx
 * preloads it at startup on signed-in routes, in parallel with the session and the screen; until
 * it is there, render `<ShellSkeleton>` (Suspense fallback), which looks the same.
 */
import { lazyWithPreload } from '../lib/prefetch.ts';
import type { ShellProps } from './AppShell.tsx';

export const AppShell = lazyWithPreload<ShellProps>(() => import('./AppShell.tsx'));
