import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { cn } from '../lib/cn.ts';

export interface FieldProps {
  label: ReactNode;
  /** The error text (e.g. `errors.name?.message`); wires aria-invalid and aria-describedby. */
  error?: string | undefined;
  description?: ReactNode;
  required?: boolean;
  /** Visually hide the label (it stays the accessible name). */
  hideLabel?: boolean;
  className?: string;
  /** One control element; it receives id, aria-describedby, aria-invalid and aria-required. */
  children: ReactElement<Record<string, unknown>>;
  id?: string;
}

/**
 * Label + control + description + error, with the ids wired:
 *   <Field label="Name" error={errors.name?.message}><Input {...register('name')} /></Field>
 */
export function Field({ label, error, description, required, hideLabel, className, children, id: givenId }: FieldProps) {
  const autoId = useId();
  const id = givenId ?? `f${autoId.replace(/:/g, '')}`;
  const descId = description ? `${id}-desc` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [descId, errId, children.props['aria-describedby'] as string | undefined].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
        'aria-required': required || undefined,
      })
    : children;
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <div className={cn('flex items-baseline gap-0.5', hideLabel && 'sr-only')}>
        <label htmlFor={id} className="text-[13px] font-medium text-slate-800">
          {label}
        </label>
        {/* Outside the label so the accessible name stays the plain label; aria-required says it. */}
        {required && (
          <span aria-hidden className="text-[13px] text-red-600">
            *
          </span>
        )}
      </div>
      {control}
      {description && (
        <p id={descId} className="text-xs text-slate-500">
          {description}
        </p>
      )}
      {error && (
        <p id={errId} className="flex items-start gap-1 text-xs font-medium text-red-700">
          <span aria-hidden>⚠</span>
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}

/** A group of controls (checkboxes, radios) with a legend and error. */
export function FieldSet({ legend, error, description, children, className }: { legend: ReactNode; error?: string | undefined; description?: ReactNode; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <fieldset className={cn('flex flex-col gap-1.5', className)} aria-describedby={error ? `${id}-err` : undefined} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-[13px] font-medium text-slate-800">{legend}</legend>
      {description && <p className="text-xs text-slate-500">{description}</p>}
      {children}
      {error && (
        <p id={`${id}-err`} className="text-xs font-medium text-red-700">
          ⚠ {error}
        </p>
      )}
    </fieldset>
  );
}
