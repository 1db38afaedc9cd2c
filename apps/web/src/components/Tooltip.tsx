import { Tooltip as T } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';

export const TooltipProvider = T.Provider;

/** A hover/focus hint. Never put essential information only in a tooltip. */
export function Tooltip({ content, children, side = 'top' }: { content: ReactNode; children: ReactElement; side?: 'top' | 'bottom' | 'left' | 'right' }) {
  return (
    <T.Root>
      <T.Trigger asChild>{children}</T.Trigger>
      <T.Portal>
        <T.Content
          side={side}
          sideOffset={6}
          className="z-50 max-w-xs rounded-md bg-slate-900 px-2 py-1 text-xs text-white shadow-lg data-[state=delayed-open]:animate-in"
        >
          {content}
          <T.Arrow className="fill-slate-900" />
        </T.Content>
      </T.Portal>
    </T.Root>
  );
}
