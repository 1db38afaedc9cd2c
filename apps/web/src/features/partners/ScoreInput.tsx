import { cn } from '../../lib/cn.ts';
import { SCORE_WORDS } from './model.ts';

/**
 * A 1–5 score as five native radio buttons (arrow keys move between them), styled as a
 * segmented control. Each option's accessible name is "3, Medium".
 */
export function ScoreInput({ name, value, onChange, onBlur, legend, description, error, disabled }: {
  name: string;
  value: number | undefined;
  onChange: (value: number) => void;
  onBlur?: () => void;
  legend: string;
  description?: string;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const errId = `${name}-score-err`;
  const descId = `${name}-score-desc`;
  return (
    <fieldset className="flex flex-col gap-1.5" aria-describedby={[description ? descId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined}>
      <legend className="mb-1.5 text-[13px] font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-1">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="relative">
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              disabled={disabled}
              onChange={() => onChange(n)}
              onBlur={onBlur}
              aria-invalid={error ? true : undefined}
              className="peer sr-only"
            />
            <span
              className={cn(
                'flex h-9 min-w-11 cursor-pointer select-none flex-col items-center justify-center rounded-md px-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 transition-colors',
                'peer-checked:bg-indigo-600 peer-checked:text-white peer-checked:ring-indigo-600',
                'peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600',
                'hover:bg-slate-50 peer-checked:hover:bg-indigo-700',
              )}
            >
              {n}
              <span className="sr-only">, {SCORE_WORDS[n]}</span>
            </span>
          </label>
        ))}
      </div>
      {description && (
        <p id={descId} className="text-xs text-slate-500">
          {description}
        </p>
      )}
      {error && (
        <p id={errId} className="text-xs font-medium text-red-700">
          ⚠ {error}
        </p>
      )}
    </fieldset>
  );
}
