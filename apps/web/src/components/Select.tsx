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
  ref?: Ref<HTMLButtonElement>;
  onBlur?: () => void;
}

/**
 * A Radix select (keyboard + screen-reader friendly). Radix values cannot be '' — use a
 * sentinel such as 'none' for "no value" and map it yourself.
 */
export function Select<V extends string>({ value, onValueChange, options, placeholder = 'Choose…', className, size = 'md', ref, onBlur, ...rest }: SelectProps<V>) {
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
          'inline-flex items-center justify-between gap-2 text-left data-[placeholder]:text-slate-400',
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
