import { ArrowRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';

export function SmallLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 rounded text-xs font-medium text-indigo-700 hover:underline">
      {children}
      <ArrowRight aria-hidden className="size-3" />
    </Link>
  );
}
