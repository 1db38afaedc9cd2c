import { useLocation } from 'wouter';
import { BOOT_SHELL_CLASS, bootShellInner, bootShellVariant, type BootShellVariant } from './bootShell.ts';

/**
 * The shell's skeleton while the session or the real shell (`AppShell`, a lazy chunk) loads: the
 * same markup and inline CSS as the static shell index.html paints before any JavaScript
 * (layout/bootShell.ts), so React's first render swaps it for an identical one.
 */
export function ShellSkeleton({ variant }: { variant?: BootShellVariant }) {
  const [location] = useLocation();
  const html = bootShellInner(variant ?? bootShellVariant(location));
  // A constant string built in bootShell.ts (no user data): the same markup as index.html's.
  return <div role="status" aria-live="polite" className={BOOT_SHELL_CLASS} dangerouslySetInnerHTML={{ __html: html }} />;
}
