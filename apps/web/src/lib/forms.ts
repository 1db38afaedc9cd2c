/**
 * Forms: react-hook-form + zod, with server errors mapped onto fields, drafts that survive an
 * expired session, and a one-call submit helper.
 *
 *   const form = useZodForm(schema, { defaultValues, draftId: `partner-edit:${id}` });
 *   <form onSubmit={form.submit(async (values) => { await mutateAsync(values); close(); })}>
 *     <Field label="Name" error={form.formState.errors.name?.message}><Input {...form.register('name')} /></Field>
 *     <FormError form={form} />
 *
 * Server errors: `error.data.fieldErrors` (zod issues or a domain `fieldError`) go beside their
 * fields with setError; anything that does not match a field lands in `errors.root.server`,
 * which <FormError> shows (an expired session there offers to sign in and retry).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  useForm,
  type FieldPath,
  type FieldValues,
  type UseFormProps,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import type { ConflictDialogProps, ConflictField } from '../components/ConflictDialog.tsx';
import { errorCode, errorData, errorMessage, isConflict, isSessionExpired, type ServerErrorData } from './errors.ts';
import { setFormDirty } from './session.ts';

const DRAFT_PREFIX = 'draft:';

export const drafts = {
  read<T>(id: string): T | undefined {
    try {
      const raw = sessionStorage.getItem(DRAFT_PREFIX + id);
      return raw ? (JSON.parse(raw) as { values: T }).values : undefined;
    } catch {
      return undefined;
    }
  },
  write(id: string, values: unknown) {
    try {
      sessionStorage.setItem(DRAFT_PREFIX + id, JSON.stringify({ savedAt: Date.now(), values }));
    } catch {
      /* storage full or disabled: the form still works, only the draft is lost */
    }
  },
  has(id: string): boolean {
    try {
      return sessionStorage.getItem(DRAFT_PREFIX + id) !== null;
    } catch {
      return false;
    }
  },
  clear(id: string) {
    try {
      sessionStorage.removeItem(DRAFT_PREFIX + id);
    } catch {
      /* ignore */
    }
  },
};

export type ConflictInfo = NonNullable<ServerErrorData['conflict']>;

export interface ZodFormExtras<TOut> {
  /** True when the values were restored from a draft saved before a sign-in. */
  restoredDraft: boolean;
  /** Forget the saved draft (call on cancel; submit() calls it on success). */
  clearDraft: () => void;
  /**
   * Validates, runs `fn`, clears the draft on success, and maps server errors onto the form.
   * With `onConflict`, a CONFLICT error is handed to it (show a ConflictDialog) instead.
   */
  submit: (
    fn: (values: TOut) => Promise<unknown> | unknown,
    options?: {
      onConflict?: (conflict: ConflictInfo, values: TOut) => void;
      /** The other person's saved record in the form's own shape (sentinels, '' for none), for `mergeMine`; default: as the API sent it. */
      currentAsValues?: (current: ConflictInfo['current']) => Partial<TOut>;
    },
  ) => (event?: React.BaseSyntheticEvent) => Promise<void>;
}

export type ZodForm<TIn extends FieldValues, TOut extends FieldValues> = UseFormReturn<TIn, unknown, TOut> &
  ZodFormExtras<TOut>;

export interface UseZodFormOptions<TIn extends FieldValues, TOut extends FieldValues = TIn> extends Omit<UseFormProps<TIn, unknown, TOut>, 'resolver'> {
  /** Persist unsaved input in sessionStorage under this id (unique per form and record). */
  draftId?: string;
  /** Field names never written to the draft (e.g. passwords). */
  draftExclude?: string[];
}

export function useZodForm<TIn extends FieldValues, TOut extends FieldValues>(
  schema: z.ZodType<TOut, TIn>,
  options: UseZodFormOptions<TIn, TOut> = {},
): ZodForm<TIn, TOut> {
  const { draftId, draftExclude = [], ...formOptions } = options;
  const [restoredDraft, setRestoredDraft] = useState(false);
  const form = useForm<TIn, unknown, TOut>({
    mode: 'onTouched',
    ...formOptions,
    resolver: zodResolver(schema),
  });

  // Restore a draft once, on mount.
  const restored = useRef(false);
  useEffect(() => {
    if (!draftId || restored.current) return;
    restored.current = true;
    const draft = drafts.read<Partial<TIn>>(draftId);
    if (draft) {
      form.reset({ ...form.getValues(), ...draft }, { keepDefaultValues: true });
      setRestoredDraft(true);
      setFormDirty(draftId, true);
    }
  }, [draftId, form]);

  // Keep the draft up to date while the form is dirty.
  useEffect(() => {
    if (!draftId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = form.watch((values, info) => {
      // A reset (no field name) is not an edit.
      if (!info.name) return;
      clearTimeout(timer);
      setFormDirty(draftId, true);
      timer = setTimeout(() => {
        const copy: Record<string, unknown> = { ...values };
        for (const key of draftExclude) delete copy[key];
        drafts.write(draftId, copy);
      }, 250);
    });
    return () => {
      clearTimeout(timer);
      sub.unsubscribe();
      setFormDirty(draftId, false);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the excluded fields are fixed for a form's life; re-subscribing on a new array would drop the pending draft write
  }, [draftId, form]);

  const clearDraft = useCallback(() => {
    if (!draftId) return;
    drafts.clear(draftId);
    setFormDirty(draftId, false);
    setRestoredDraft(false);
  }, [draftId]);

  // Leaving a field that is still empty and was never typed in is not a mistake yet: validating it
  // on blur would put a message under it and push down what the pointer is on its way to (a
  // "Create an account" link, Cancel), so that first click lands on nothing. It is checked on submit.
  const typedIn = useRef(new Set<string>());
  // useForm returns the same object on every render, and it gets this wrapper as its `register`: keep the original.
  const baseRegister = useRef(form.register).current;
  const register = ((name, registerOptions) => {
    const field = baseRegister(name, registerOptions);
    return {
      ...field,
      onChange: (event: { target: unknown; type?: unknown }) => {
        typedIn.current.add(name);
        return field.onChange(event);
      },
      onBlur: (event: { target: unknown; type?: unknown }) => {
        if (!typedIn.current.has(name) && isBlank(form.getValues(name)) && !form.getFieldState(name).error) return Promise.resolve();
        return field.onBlur(event);
      },
    };
  }) as typeof form.register;
  const baseReset = useRef(form.reset).current;
  const reset: typeof form.reset = (...args) => {
    typedIn.current.clear();
    baseReset(...args);
  };

  const submit: ZodFormExtras<TOut>['submit'] = (fn, submitOptions) =>
    form.handleSubmit(async (values) => {
      form.clearErrors('root.server' as FieldPath<TIn>);
      try {
        await fn(values);
        clearDraft();
      } catch (error) {
        const conflict = errorData(error)?.conflict;
        if (submitOptions?.onConflict && isConflict(error) && conflict) {
          const current = submitOptions.currentAsValues ? submitOptions.currentAsValues(conflict.current) : conflict.current;
          submitOptions.onConflict(conflict, mergeMine(values, current as Record<string, unknown>, form.formState.dirtyFields));
          return;
        }
        applyServerErrors(form, error);
      }
    });

  return Object.assign(form, { register, reset, restoredDraft, clearDraft, submit });
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * "Mine" after a conflict: the fields this user changed keep their values; every field they did
 * not touch takes the other person's saved value, so re-applying never undoes someone else's
 * edit to a field this user left alone.
 */
export function mergeMine<T>(values: T, current: Record<string, unknown>, dirty: Partial<Record<string, unknown>>): T {
  const merged: Record<string, unknown> = { ...(values as Record<string, unknown>) };
  for (const key of Object.keys(merged)) {
    if (!dirty[key] && key in current) merged[key] = current[key];
  }
  return merged as T;
}

/**
 * Puts a server error onto the form: each `fieldErrors` entry beside its field (the first one
 * focused), anything else as the form-level `root.server` error. Returns true if any field matched.
 */
export function applyServerErrors<T extends FieldValues>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form, whatever its resolver's output type
  form: Pick<UseFormReturn<T, unknown, any>, 'setError' | 'getValues'>,
  error: unknown,
): boolean {
  const data = errorData(error);
  const values = form.getValues() as Record<string, unknown>;
  const unmatched: string[] = [];
  let matched = false;
  for (const [path, messages] of Object.entries(data?.fieldErrors ?? {})) {
    const top = path.split('.')[0] ?? path;
    if (path !== '_' && top in values) {
      form.setError(path as FieldPath<T>, { type: 'server', message: messages.join(' ') }, { shouldFocus: !matched });
      matched = true;
    } else {
      unmatched.push(path === '_' ? messages.join(' ') : `${path}: ${messages.join(' ')}`);
    }
  }
  if (!matched || unmatched.length) {
    const code = isSessionExpired(error) ? 'SESSION_EXPIRED' : errorCode(error);
    form.setError('root.server' as FieldPath<T>, {
      type: code ?? 'error',
      message: unmatched.length && data?.fieldErrors ? unmatched.join('\n') : errorMessage(error),
    });
  }
  return matched;
}

/**
 * State for a ConflictDialog: `form.submit(fn, { onConflict: conflict.open })`, then
 * <ConflictDialog open={!!conflict.state} current={conflict.state?.current} mine={conflict.state?.mine} … />.
 */
export function useConflictState<TOut>() {
  const [state, setState] = useState<{ entity: string; current: ConflictInfo['current']; mine: TOut } | null>(null);
  const open = useCallback((info: ConflictInfo, mine: TOut) => setState({ entity: info.entity, current: info.current, mine }), []);
  const close = useCallback(() => setState(null), []);
  return { state, open, close };
}

export interface ConflictResolutionOptions<TMine extends object> {
  /** The form being edited: its draft is forgotten once "Apply mine again" saved; other failures are shown on it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form: the conflict flow reads and sets errors by field name only
  form: Pick<UseFormReturn<any, unknown, any>, 'setError' | 'getValues'> & Pick<ZodFormExtras<unknown>, 'clearDraft'>;
  /** The record's version the form started from (omit it when the version is one of the form's values). */
  version?: number;
  /** For the ConflictDialog: e.g. "partner", the fields it compares, and `update.isPending`. */
  entity: string;
  fields: ConflictField[];
  busy?: boolean;
  /** Save the user's values again, against the server's newest `version`. */
  save: (mine: TMine, version: number) => Promise<unknown>;
  /** "Discard mine": reset the form to their record and update the cache (their version is then taken). */
  resetFrom: (current: Record<string, unknown>) => void;
  /** After "Apply mine again" saved (e.g. close the editing dialog). */
  onResolved?: () => void;
  /** "Apply mine again" failed with anything but another conflict: instead of `applyServerErrors(form, error)`. */
  onError?: (error: unknown) => void;
}

/**
 * The usual ConflictDialog wiring for a versioned record. Save with `conflict.version`; pass
 * `conflict.open` to `form.submit(fn, { onConflict })`; `conflict.dialog` is the ConflictDialog's props
 * (`<ConflictDialog {...conflict.dialog} />`, or `<FormDialog conflict={conflict.dialog}>`):
 * - "Apply mine again" re-saves the user's values with the server's version, then clears the draft
 *   and calls `onResolved`; if someone saved yet again, the dialog shows their newest record; any
 *   other failure closes it and is shown on the form (or goes to `onError`).
 * - "Discard mine" calls `resetFrom(current)`, takes `current.version` and closes.
 */
export function useConflictResolution<TMine extends object>({ form, version: initialVersion = 0, entity, fields, busy, save, resetFrom, onResolved, onError }: ConflictResolutionOptions<TMine>) {
  const [version, setVersion] = useState(initialVersion);
  const { state, open, close } = useConflictState<TMine>();
  const dialog: ConflictDialogProps = {
    entity,
    fields,
    busy,
    open: !!state,
    onOpenChange: (o: boolean) => !o && close(),
    current: state?.current ?? null,
    mine: state?.mine ?? null,
    onApplyMine: async (current: Record<string, unknown>) => {
      if (!state) return;
      try {
        await save(state.mine, Number(current.version));
        close();
        form.clearDraft();
        onResolved?.();
      } catch (error) {
        const again = errorData(error)?.conflict;
        if (isConflict(error) && again) {
          // Someone saved yet again: show their newest version.
          open(again, state.mine);
        } else {
          close();
          if (onError) onError(error);
          else applyServerErrors(form, error);
        }
      }
    },
    onDiscardMine: (current: Record<string, unknown>) => {
      resetFrom(current);
      setVersion(Number(current.version));
      close();
    },
  };
  return { version, state, open, close, dialog };
}
