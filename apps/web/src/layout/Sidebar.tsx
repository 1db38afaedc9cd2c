import { Link, useLocation } from 'wouter';
import { cn } from '../lib/cn.ts';
import { isActive, NAV } from './nav.ts';

export function SidebarNav({ coalitionId, onNavigate }: { coalitionId: string; onNavigate?: () => void }) {
  const [location] = useLocation();
  return (
    <nav aria-label="Coalition">
      <ul className="flex flex-col gap-0.5">
        {NAV.map((item) => {
          const active = isActive(item, coalitionId, location);
          const Icon = item.icon;
          return (
            <li key={item.label}>
              <Link
                href={item.href(coalitionId)}
                onClick={onNavigate}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'group flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors',
                  'focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-600',
                  active ? 'bg-white text-indigo-700 shadow-xs ring-1 ring-slate-200' : 'text-slate-700 hover:bg-slate-200/60 hover:text-slate-900',
                )}
              >
                <Icon aria-hidden className={cn('size-4 shrink-0', active ? 'text-indigo-600' : 'text-slate-500 group-hover:text-slate-700')} />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
