import { Dialog as D } from 'radix-ui';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons row; put the primary action last. */
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  /** Prevent closing by outside click (e.g. a form with input). Escape still closes. */
  modalLock?: boolean;
  trigger?: ReactNode;
}

const widths = { sm: 'sm:max-w-sm', md: 'sm:max-w-lg', lg: 'sm:max-w-2xl', xl: 'sm:max-w-4xl' };

/** A modal dialog: focus is trapped, Escape closes, focus returns to the trigger. */
export function Dialog({ open, onOpenChange, title, description, children, footer, size = 'md', modalLock, trigger }: DialogProps) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <D.Trigger asChild>{trigger}</D.Trigger>}
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40 backdrop-blur-[1px] data-[state=open]:animate-[fade-in_120ms_ease-out]" />
        <D.Content
          onPointerDownOutside={modalLock ? (e) => e.preventDefault() : undefined}
          {...(description ? {} : { 'aria-describedby': undefined })}
          className={cn(
            'fixed z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-1.5rem)] flex-col rounded-xl bg-white shadow-2xl ring-1 ring-slate-900/10',
            'left-1/2 top-1/2 -translate-x-1/2 -translate-y-1/2 focus:outline-none',
            'data-[state=open]:animate-[dialog-in_140ms_ease-out]',
            widths[size],
          )}
        >
          <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 pb-3 pt-4">
            <div className="min-w-0">
              <D.Title className="text-base font-semibold text-slate-900">{title}</D.Title>
              {description && <D.Description className="mt-1 text-sm text-slate-600">{description}</D.Description>}
            </div>
            <D.Close className="-mr-1.5 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label="Close">
              <X aria-hidden className="size-4" />
            </D.Close>
          </div>
          {children && <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>}
          {footer && <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 bg-slate-50/60 px-5 py-3 rounded-b-xl">{footer}</div>}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}

export const DialogClose = D.Close;
