/**
 * One way to ask why a save slips past its baseline, shared by the milestone editor, the
 * timeline's drag/keyboard save and the bulk date shift: the save is refused with
 * SLIP_REASON_REQUIRED, `ask(problem)` opens the reason dialog and resolves with the reason
 * (then the caller saves again with `slipReason`) or null when the user cancels (the caller
 * puts things back as they were).
 */
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import type { SlipProblem } from './slipProblem.ts';

export { slipProblemOf, type SlipProblem } from './slipProblem.ts';

// The dialog's form (react-hook-form, zod) loads when it is first needed.
const SlipReasonDialog = lazy(() => import('./SlipReasonDialog.tsx'));

export function useSlipReason() {
  const [problem, setProblem] = useState<SlipProblem | null>(null);
  const resolver = useRef<((reason: string | null) => void) | null>(null);

  const ask = useCallback(
    (p: SlipProblem) =>
      new Promise<string | null>((resolve) => {
        // A question still open is answered "cancel" (only one at a time).
        resolver.current?.(null);
        resolver.current = resolve;
        setProblem(p);
      }),
    [],
  );
  const answer = useCallback((reason: string | null) => {
    resolver.current?.(reason);
    resolver.current = null;
    setProblem(null);
  }, []);

  const dialog = problem ? (
    <Suspense fallback={null}>
      <SlipReasonDialog problem={problem} onAnswer={answer} />
    </Suspense>
  ) : null;
  return { ask, dialog };
}
