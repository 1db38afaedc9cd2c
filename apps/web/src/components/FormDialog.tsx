import { useId, type ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import type { ZodForm } from '../lib/forms.ts';
import { Button } from './Button.tsx';
import { ConflictDialog, type ConflictDialogProps } from './ConflictDialog.tsx';
import { Dialog, type DialogProps } from './Dialog.tsx';
import { FormError } from './FormError.tsx';
import { Alert } from './States.tsx';

export interface FormDialogProps<TIn extends FieldValues, TOut extends FieldValues> extends Pick<DialogProps, 'title' | 'description' | 'size' | 'children'> {
  form: ZodForm<TIn, TOut>;
  /** `form.submit(…)`. */
  onSubmit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  /** Closes the dialog; Cancel, Escape and the close button forget the form's draft first. */
  onClose: () => void;
  submitLabel: ReactNode;
  /** For a versioned record: the ConflictDialog shown over it (`useConflictResolution(…).dialog`). */
  conflict?: ConflictDialogProps;
}

/**
 * A dialog around a form (mount it only while open; outside clicks do not close it). The body is
 * the <form> — a "Restored your unsaved changes" note when a draft came back, the fields
 * (`children`), then <FormError> — and the footer has Cancel and the submit button for that form,
 * which shows a spinner (and Cancel is disabled) while the form submits. With `conflict`, the
 * ConflictDialog for a stale save is rendered next to it.
 */
export function FormDialog<TIn extends FieldValues, TOut extends FieldValues>({ form, onSubmit, onClose, submitLabel, conflict, size, title, description, children }: FormDialogProps<TIn, TOut>) {
  const formId = useId();
  const submitting = form.formState.isSubmitting;
  const cancel = () => {
    form.clearDraft();
    onClose();
  };
  return (
    <>
      <Dialog
        open
        onOpenChange={(o) => !o && cancel()}
        modalLock
        size={size}
        title={title}
        description={description}
        footer={
          <>
            <Button variant="secondary" onClick={cancel} disabled={submitting}>
              Cancel
            </Button>
            <Button type="submit" form={formId} variant="primary" loading={submitting}>
              {submitLabel}
            </Button>
          </>
        }
      >
        <form id={formId} noValidate className="flex flex-col gap-4" onSubmit={onSubmit}>
          {form.restoredDraft && <Alert tone="info">Restored your unsaved changes.</Alert>}
          {children}
          <FormError form={form} />
        </form>
      </Dialog>
      {conflict && <ConflictDialog {...conflict} />}
    </>
  );
}
