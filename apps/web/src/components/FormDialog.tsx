import { useId, useRef, useState, type ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import type { ZodForm } from '../lib/forms.ts';
import { Button } from './Button.tsx';
import { ConflictDialog, type ConflictDialogProps } from './ConflictDialog.tsx';
import { Dialog, type DialogProps } from './Dialog.tsx';
import { FormError } from './FormError.tsx';
import { Alert } from './States.tsx';

/** The form's first field (a Radix Select trigger is a button with role=combobox). */
const FIELD = 'input:not([type="hidden"]):not(:disabled), textarea:not(:disabled), select:not(:disabled), button[role="combobox"]:not(:disabled)';

export interface FormDialogProps<TIn extends FieldValues, TOut extends FieldValues> extends Pick<DialogProps, 'title' | 'description' | 'size' | 'children'> {
  form: ZodForm<TIn, TOut>;
  /** `form.submit(…)`. */
  onSubmit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  /** Closes the dialog; Cancel, Escape and the close button forget the form's draft first. */
  onClose: () => void;
  submitLabel: ReactNode;
  /** For a versioned record: the ConflictDialog shown over it (`useConflictResolution(…).dialog`). */
  conflict?: ConflictDialogProps;
  /**
   * A create dialog for entering several records in a row: a "Save and add another" button that
   * validates, runs `save(values)`, and then, instead of closing, resets the form to its defaults
   * and focuses its first field; `saved` is said in the dialog's live region ("Saved “UNDP”.").
   */
  addAnother?: { label?: ReactNode; save: (values: TOut) => Promise<unknown>; saved?: ReactNode };
}

/**
 * A dialog around a form (mount it only while open; outside clicks do not close it). The body is
 * the <form> — a "Restored your unsaved changes" note when a draft came back, the fields
 * (`children`), then <FormError> — and the footer has Cancel and the submit button for that form,
 * which shows a spinner (and Cancel is disabled) while the form submits. With `conflict`, the
 * ConflictDialog for a stale save is rendered next to it.
 */
export function FormDialog<TIn extends FieldValues, TOut extends FieldValues>({ form, onSubmit, onClose, submitLabel, conflict, addAnother, size, title, description, children }: FormDialogProps<TIn, TOut>) {
  const formId = useId();
  const submitting = form.formState.isSubmitting;
  const formRef = useRef<HTMLFormElement>(null);
  const [savingAnother, setSavingAnother] = useState(false);
  const saveAndAddAnother = async (event: React.BaseSyntheticEvent) => {
    if (!addAnother) return;
    let saved = false;
    setSavingAnother(true);
    try {
      await form.submit(async (values) => {
        await addAnother.save(values);
        saved = true;
      })(event);
    } finally {
      setSavingAnother(false);
    }
    if (!saved) return; // the errors are on the form, the first invalid field focused
    form.reset();
    // The fresh form starts at its first field, once it has re-rendered.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(FIELD)?.focus());
  };
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
            {addAnother && (
              <Button variant="secondary" onClick={(e) => void saveAndAddAnother(e)} loading={savingAnother} disabled={submitting}>
                {addAnother.label ?? 'Save and add another'}
              </Button>
            )}
            <Button type="submit" form={formId} variant="primary" loading={submitting && !savingAnother} disabled={savingAnother}>
              {submitLabel}
            </Button>
          </>
        }
      >
        <form ref={formRef} id={formId} noValidate className="flex flex-col gap-4" onSubmit={onSubmit}>
          {/* Always rendered, so screen readers hear each "Saved …" as it changes. */}
          {addAnother && (
            <p role="status" className={addAnother.saved ? 'flex items-center gap-1.5 rounded-md bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-800' : 'sr-only'}>
              {addAnother.saved && <span aria-hidden>✓</span>}
              {addAnother.saved}
            </p>
          )}
          {form.restoredDraft && <Alert tone="info">Restored your unsaved changes.</Alert>}
          {children}
          <FormError form={form} />
        </form>
      </Dialog>
      {conflict && <ConflictDialog {...conflict} />}
    </>
  );
}
