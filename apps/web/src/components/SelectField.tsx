import type { ReactNode } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { Field } from './Field.tsx';
import { Select, type SelectOption } from './Select.tsx';

export interface SelectFieldProps<T extends FieldValues> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form, whatever its resolver's context and output types
  control: Control<T, any, any>;
  /** A string field of the form. */
  name: FieldPath<T>;
  label: ReactNode;
  options: ReadonlyArray<SelectOption>;
  required?: boolean;
  /** Static, or computed from the current value. */
  description?: ReactNode | ((value: string) => ReactNode);
  className?: string;
  /** Called after the form's value changed (e.g. to clear a field that no longer fits). */
  afterChange?: (value: string) => void;
}

/** A labelled Radix Select bound to a react-hook-form field; the field's error shows beside it. */
export function SelectField<T extends FieldValues>({ control, name, label, options, required, description, className, afterChange }: SelectFieldProps<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Field
          className={className}
          label={label}
          required={required}
          error={fieldState.error?.message}
          description={typeof description === 'function' ? description(field.value) : description}
        >
          <Select
            value={field.value}
            onValueChange={(v) => {
              field.onChange(v);
              afterChange?.(v);
            }}
            onBlur={field.onBlur}
            ref={field.ref}
            options={options}
          />
        </Field>
      )}
    />
  );
}
