import { Select as S } from 'radix-ui';
import { Check, ChevronDown } from 'lucide-react';
import type { ReactNode, Ref } from 'react';
import { cn } from '../lib/cn.ts';
import { controlClasses } from './Input.tsx';

export interface SelectOption<V extends string = string> {
  value: V;
  label: ReactNode;
  /** Plain-text label used by typeahead when `label` is not a string. */
  textValue?: string;
  hint?: string;
  disabled?: boolean;
}

export interface SelectProps<V extends string> {
  value: V | undefined;
  onValueChange: (value: V) => void;
  options: ReadonlyArray<SelectOption<V>>;
  placeholder?: string;
  id?: string;
  name?: string;
  disabled?: boolean;
  className?: string;
  size?: 'sm' | 'md';
  'aria-label'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
  /** The focusable control (a button, or the native select past LONG_SELECT options): for focus() only. */
  ref?: Ref<HTMLButtonElement>;
  onBlur?: () => void;
}

/**
 * More options than this and the select is the platform's own: Radix renders every item on
 * every render, even closed (to show the chosen one's text), which with 500 partners cost a
 * phone about a second of main thread on the milestone list; a native select with 500 options
 * costs next to nothing, has typeahead, and opens the platform picker on phones.
 */
export const LONG_SELECT = 40;

/**
 * A Radix select (keyboard + screen-reader friendly); a native one past LONG_SELECT options.
 * Radix values cannot be '' — use a sentinel such as 'none' for "no value" and map it yourself.
 */
export function Select<V extends string>(props: SelectProps<V>) {
  return props.options.length > LONG_SELECT ? <NativeSelect {...props} /> : <RadixSelect {...props} />;
}

function NativeSelect<V extends string>({ value, onValueChange, options, placeholder = 'Choose…', className, size = 'md', ref, onBlur, ...rest }: SelectProps<V>) {
  return (
    <div className={cn('relative', className)}>
      <select
        ref={ref as unknown as Ref<HTMLSelectElement> | undefined}
        id={rest.id}
        name={rest.name}
        disabled={rest.disabled}
        aria-label={rest['aria-label']}
        aria-describedby={rest['aria-describedby']}
        aria-invalid={rest['aria-invalid']}
        aria-required={rest['aria-required']}
        value={value ?? ''}
        onChange={(e) => onValueChange(e.target.value as V)}
        onBlur={onBlur}
        className={cn(controlClasses, 'w-full cursor-pointer appearance-none pr-8 disabled:cursor-not-allowed', size === 'sm' ? 'h-8 text-[13px]' : 'h-9')}
      >
        {value === undefined && (
          <option value="" disabled>
            {placeholder}
          </option>
        )}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.textValue ?? (typeof o.label === 'string' ? o.label : o.value)}
            {o.hint ? ` — ${o.hint}` : ''}
          </option>
        ))}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute right-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-500" />
    </div>
  );
}

function RadixSelect<V extends string>({ value, onValueChange, options, placeholder = 'Choose…', className, size = 'md', ref, onBlur, ...rest }: SelectProps<V>) {
  return (
    <S.Root value={value} onValueChange={(v) => onValueChange(v as V)} disabled={rest.disabled} name={rest.name}>
      <S.Trigger
        ref={ref}
        id={rest.id}
        aria-label={rest['aria-label']}
        aria-describedby={rest['aria-describedby']}
        aria-invalid={rest['aria-invalid']}
        aria-required={rest['aria-required']}
        onBlur={onBlur}
        className={cn(
          controlClasses,
          'inline-flex items-center justify-between gap-2 text-left data-[placeholder]:text-slate-500',
          size === 'sm' ? 'h-8 text-[13px]' : 'h-9',
          className,
        )}
      >
        <S.Value placeholder={placeholder} />
        <S.Icon>
          <ChevronDown aria-hidden className="size-4 text-slate-500" />
        </S.Icon>
      </S.Trigger>
      <S.Portal>
        <S.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-[min(24rem,var(--radix-select-content-available-height))] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg"
        >
          <S.Viewport className="p-1">
            {options.map((o) => (
              <S.Item
                key={o.value}
                value={o.value}
                disabled={o.disabled}
                textValue={o.textValue ?? (typeof o.label === 'string' ? o.label : undefined)}
                className="relative flex cursor-default select-none items-start gap-2 rounded px-2 py-1.5 pr-8 text-sm text-slate-800 outline-none data-[disabled]:opacity-50 data-[highlighted]:bg-indigo-50 data-[highlighted]:text-indigo-900"
              >
                <div className="flex flex-col">
                  <S.ItemText>{o.label}</S.ItemText>
                  {o.hint && <span className="text-xs text-slate-500">{o.hint}</span>}
                </div>
                <S.ItemIndicator className="absolute right-2 top-2">
                  <Check aria-hidden className="size-4 text-indigo-600" />
                </S.ItemIndicator>
              </S.Item>
            ))}
          </S.Viewport>
        </S.Content>
      </S.Portal>
    </S.Root>
  );
}
