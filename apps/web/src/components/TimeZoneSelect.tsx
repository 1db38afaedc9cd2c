import { useMemo, type SelectHTMLAttributes, type Ref } from 'react';
import { timeZoneNames } from '@coalition/domain';
import { cn } from '../lib/cn.ts';
import { controlClasses } from './Input.tsx';

/**
 * A native select of IANA time zones (about 400: a native list scrolls and type-to-finds them
 * better than a custom one). The coalition's zone decides its "today" everywhere.
 */
export function TimeZoneSelect({ className, ref, value, ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  const zones = useMemo(() => {
    const names = timeZoneNames();
    // A stored zone this browser does not list stays selectable.
    return typeof value === 'string' && value && !names.includes(value) ? [value, ...names] : names;
  }, [value]);
  return (
    <select ref={ref} value={value} className={cn(controlClasses, 'h-9 pr-8', className)} {...rest}>
      {zones.map((z) => (
        <option key={z} value={z}>
          {z.replace(/_/g, ' ')}
        </option>
      ))}
    </select>
  );
}
