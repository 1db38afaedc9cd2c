import { ChevronDown } from 'lucide-react';
import { cn } from '../../lib/cn.ts';
import { controlClasses } from '../../components/Input.tsx';

/**
 * A compact native <select> styled like the kit's controls, for inline edits inside virtualized
 * rows: the kit's Radix Select costs too much to mount dozens of times per scrolled frame with
 * 5,000 rows, while a native select is cheap, keyboard- and screen-reader-friendly, and opens
 * the platform picker on phones. (Kit addition local to this feature.)
 */
export function InlineSelect<V extends string>({
  value,
  onChange,
  options,
  label,
  disabled,
  className,
  dot,
}: {
  value: V;
  onChange: (v: V) => void;
  options: ReadonlyArray<{ value: V; label: string }>;
  /** Accessible name (e.g. "Status of <title>"). */
  label: string;
  disabled?: boolean;
  className?: string;
  /** A coloured dot before the value (colour always comes with the text). */
  dot?: string;
}) {
  return (
    <div className={cn('relative', className)}>
      {dot && <span aria-hidden className={cn('pointer-events-none absolute left-2.5 top-1/2 size-1.5 -translate-y-1/2 rounded-full', dot)} />}
      <select
        aria-label={label}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as V)}
        className={cn(controlClasses, 'h-8 cursor-pointer appearance-none pr-7 text-[13px] disabled:cursor-not-allowed', dot ? 'pl-6' : 'pl-2.5')}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute right-2 top-1/2 size-4 -translate-y-1/2 text-slate-500" />
    </div>
  );
}
