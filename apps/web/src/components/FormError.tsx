import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { signInHref } from '../lib/session.ts';
import { buttonClasses } from './Button.tsx';
import { Alert } from './States.tsx';

/**
 * The form-level error (`errors.root.server`, set by applyServerErrors). An expired session gets
 * its own message: the typed values stay in the form (and in a draft), so the user signs in in
 * another tab and submits again, or signs in here and finds the draft restored.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form, whatever its resolver's context and output types (react-hook-form's own defaults)
export function FormError<T extends FieldValues>({ form }: { form: Pick<UseFormReturn<T, any, any>, 'formState'> }) {
  const err = (form.formState.errors.root as Record<string, { type?: string; message?: string }> | undefined)?.server;
  if (!err?.message) return null;
  if (err.type === 'SESSION_EXPIRED') {
    return (
      <Alert
        tone="warning"
        title="Your session expired"
        action={
          <>
            <a href={signInHref()} target="_blank" rel="noopener" className={buttonClasses('secondary', 'sm')}>
              Sign in again in a new tab
            </a>
            <a href={signInHref()} className={buttonClasses('ghost', 'sm')}>
              Sign in here (your input is kept)
            </a>
          </>
        }
      >
        Nothing was saved. Your input is still here — sign in again, then submit once more.
      </Alert>
    );
  }
  if (err.type === 'TOO_MANY_REQUESTS') return <Alert tone="warning">{err.message}</Alert>;
  return <Alert tone="error">{err.message}</Alert>;
}
