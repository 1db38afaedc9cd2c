import { AlertTriangle, CheckCircle2, Info, RefreshCw, XCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { errorCode, errorMessage } from '../lib/errors.ts';
import { Button } from './Button.tsx';

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn('animate-pulse rounded-md bg-slate-200/70', className)} />;
}

/** A page or panel that is loading: skeleton lines, announced politely. */
export function LoadingState({ label = 'Loading…', rows = 4, className }: { label?: string; rows?: number; className?: string }) {
  return (
    <div role="status" aria-live="polite" className={cn('flex flex-col gap-3 py-2', className)}>
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={cn('h-4', i % 3 === 0 ? 'w-3/4' : i % 3 === 1 ? 'w-full' : 'w-5/6')} />
      ))}
    </div>
  );
}

export function EmptyState({ icon, title, description, action, className }: { icon?: ReactNode; title: ReactNode; description?: ReactNode; action?: ReactNode; className?: string }) {
  return (
    <div className={cn('flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center', className)}>
      {icon && <div className="mb-1 text-slate-400 [&>svg]:size-8">{icon}</div>}
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      {description && <p className="max-w-md text-sm text-slate-600">{description}</p>}
      {action && <div className="mt-3 flex flex-wrap justify-center gap-2">{action}</div>}
    </div>
  );
}

export function ErrorState({ error, title, onRetry, className }: { error: unknown; title?: string; onRetry?: () => void; className?: string }) {
  const code = errorCode(error);
  const heading = title ?? (code === 'NOT_FOUND' ? 'Not found' : code === 'FORBIDDEN' ? 'No access' : 'Could not load this');
  return (
    <div role="alert" className={cn('flex flex-col items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-4 text-sm', className)}>
      <div className="flex items-start gap-2">
        <XCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600" />
        <div>
          <p className="font-semibold text-red-900">{heading}</p>
          <p className="mt-0.5 whitespace-pre-line text-red-800">{errorMessage(error)}</p>
        </div>
      </div>
      {onRetry && code !== 'NOT_FOUND' && code !== 'FORBIDDEN' && (
        <Button size="sm" onClick={onRetry} icon={<RefreshCw aria-hidden className="size-3.5" />}>
          Try again
        </Button>
      )}
    </div>
  );
}

const alertTones = {
  error: { cls: 'border-red-200 bg-red-50 text-red-900', icon: XCircle, iconCls: 'text-red-600' },
  warning: { cls: 'border-amber-200 bg-amber-50 text-amber-950', icon: AlertTriangle, iconCls: 'text-amber-600' },
  info: { cls: 'border-sky-200 bg-sky-50 text-sky-950', icon: Info, iconCls: 'text-sky-600' },
  success: { cls: 'border-emerald-200 bg-emerald-50 text-emerald-950', icon: CheckCircle2, iconCls: 'text-emerald-600' },
};

/** An inline message box. `error` and `warning` are announced (role=alert). */
export function Alert({ tone = 'info', title, children, action, className }: { tone?: keyof typeof alertTones; title?: ReactNode; children?: ReactNode; action?: ReactNode; className?: string }) {
  const t = alertTones[tone];
  const Icon = t.icon;
  return (
    <div role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'} className={cn('flex items-start gap-2.5 rounded-md border px-3 py-2.5 text-sm', t.cls, className)}>
      <Icon aria-hidden className={cn('mt-0.5 size-4 shrink-0', t.iconCls)} />
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className="whitespace-pre-line">{children}</div>}
        {action && <div className="mt-2 flex flex-wrap gap-2">{action}</div>}
      </div>
    </div>
  );
}
