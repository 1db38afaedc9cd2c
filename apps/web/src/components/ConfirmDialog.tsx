import { useEffect, useId, useState, type ReactNode } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';
import { Input } from './Input.tsx';
import { Alert } from './States.tsx';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  tone?: 'danger' | 'primary';
  /** The user must type this text exactly before confirming (e.g. the workspace name). */
  requireText?: string;
  /** May throw: the error is shown in the dialog and it stays open. */
  onConfirm: (typed: string) => Promise<unknown> | unknown;
}

export function ConfirmDialog({ open, onOpenChange, title, description, children, confirmLabel = 'Confirm', cancelLabel = 'Cancel', tone = 'danger', requireText, onConfirm }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const inputId = useId();
  useEffect(() => {
    if (open) {
      setError(null);
      setTyped('');
    }
  }, [open]);
  const blocked = requireText !== undefined && typed.trim() !== requireText;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(typed);
      onOpenChange(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => !busy && onOpenChange(o)}
      title={title}
      description={description}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button variant={tone === 'danger' ? 'danger' : 'primary'} loading={busy} disabled={blocked} onClick={confirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3 text-sm text-slate-700">
        {children}
        {requireText !== undefined && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!blocked) void confirm();
            }}
            className="flex flex-col gap-1.5"
          >
            <label htmlFor={inputId} className="text-[13px] font-medium text-slate-800">
              Type <strong className="font-semibold">{requireText}</strong> to confirm
            </label>
            <Input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
          </form>
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </div>
    </Dialog>
  );
}
