import type { ReactNode } from 'react';

/** The frame of the signed-out screens: a calm centered card. */
export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-indigo-50/70 via-slate-50 to-slate-50">
      <main id="main" className="flex flex-1 flex-col items-center justify-center px-4 py-10">
        <div className="mb-6 flex items-center gap-2.5">
          <svg aria-hidden viewBox="0 0 32 32" className="size-9">
            <rect width="32" height="32" rx="7" fill="#4338ca" />
            <circle cx="11" cy="12" r="4" fill="#fff" />
            <circle cx="21" cy="12" r="4" fill="#c7d2fe" />
            <circle cx="16" cy="21" r="4" fill="#a5b4fc" />
          </svg>
          <span className="text-lg font-semibold tracking-tight text-slate-900">Coalition Planner</span>
        </div>
        <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-7">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {subtitle && <p className="mt-1 text-sm text-slate-600">{subtitle}</p>}
          <div className="mt-5">{children}</div>
        </div>
        {footer && <div className="mt-5 text-sm text-slate-600">{footer}</div>}
        <p className="mt-10 max-w-sm text-center text-xs leading-relaxed text-slate-500">
          Plan parallel reform tracks, bring state and non-state partners into the dialogue, and build momentum
          through near-term milestones toward one dated goal.
        </p>
      </main>
    </div>
  );
}
