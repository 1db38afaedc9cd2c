import { DropdownMenu as M } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';
import { Link } from 'wouter';
import { cn } from '../lib/cn.ts';

export const Menu = M.Root;

export function MenuTrigger({ children }: { children: ReactElement }) {
  return <M.Trigger asChild>{children}</M.Trigger>;
}

export function MenuContent({ children, align = 'end', className }: { children: ReactNode; align?: 'start' | 'center' | 'end'; className?: string }) {
  return (
    <M.Portal>
      <M.Content
        align={align}
        sideOffset={6}
        collisionPadding={8}
        className={cn('z-50 min-w-52 max-w-[calc(100vw-1rem)] rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg', className)}
      >
        {children}
      </M.Content>
    </M.Portal>
  );
}

const itemCls =
  'flex cursor-default select-none items-center gap-2 rounded-md px-2 py-1.5 text-slate-800 outline-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 [&>svg]:size-4 [&>svg]:text-slate-500';

export function MenuItem({ children, onSelect, tone, disabled }: { children: ReactNode; onSelect?: (e: Event) => void; tone?: 'danger'; disabled?: boolean }) {
  return (
    <M.Item onSelect={onSelect} disabled={disabled} className={cn(itemCls, tone === 'danger' && 'text-red-700 data-[highlighted]:bg-red-50 [&>svg]:text-red-600')}>
      {children}
    </M.Item>
  );
}

/** A menu item that navigates (rendered as a real link). */
export function MenuLinkItem({ children, href, current }: { children: ReactNode; href: string; current?: boolean }) {
  return (
    <M.Item asChild className={itemCls}>
      <Link href={href} aria-current={current ? 'page' : undefined}>
        {children}
      </Link>
    </M.Item>
  );
}

export function MenuSeparator() {
  return <M.Separator className="my-1 h-px bg-slate-100" />;
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return <M.Label className="px-2 py-1.5 text-xs font-medium text-slate-500">{children}</M.Label>;
}
