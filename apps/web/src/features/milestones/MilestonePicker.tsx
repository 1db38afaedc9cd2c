import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Search, X } from 'lucide-react';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { StatusBadge } from '../../components/Badge.tsx';
import { controlClasses } from '../../components/Input.tsx';
import { cn } from '../../lib/cn.ts';
import { formatDate } from '../../lib/dates.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

export interface PickedMilestone {
  id: string;
  title: string;
  dueDate: string;
  status: string;
}

export interface MilestoneSearchProps {
  coalitionId: string;
  /** Visible label text (also the accessible name). */
  label: string;
  hideLabel?: boolean;
  excludeIds?: readonly string[];
  onPick: (m: PickedMilestone) => void;
  placeholder?: string;
  disabled?: boolean;
  /** Error shown under the input (e.g. a cycle refused by the server). */
  error?: string | null;
  id?: string;
}

/**
 * A searchable milestone picker (ARIA combobox): type to search titles and descriptions on the
 * server, ↑/↓ to move, Enter to pick, Escape to close.
 */
export function MilestoneSearch({ coalitionId, label, hideLabel, excludeIds = [], onPick, placeholder = 'Search milestones…', disabled, error, id: givenId }: MilestoneSearchProps) {
  const trpc = useTRPC();
  const autoId = useId();
  const id = givenId ?? `ms${autoId.replace(/:/g, '')}`;
  const listId = `${id}-list`;
  const errId = `${id}-err`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const search = useDebounced(text.trim(), 250);
  const inputRef = useRef<HTMLInputElement>(null);
  const results = useQuery({
    ...trpc.milestone.list.queryOptions({ coalitionId, search: search || undefined, limit: 25, sortBy: 'dueDate', sortDir: 'asc' }),
    enabled: open,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const options = (results.data?.items ?? []).filter((m) => !excludeIds.includes(m.id)).slice(0, 20);
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const pick = (m: PickedMilestone) => {
    onPick({ id: m.id, title: m.title, dueDate: m.dueDate, status: m.status });
    setText('');
    setActive(0);
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else if (options.length) setActive((activeIndex + 1) % options.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.length) setActive((activeIndex - 1 + options.length) % options.length);
    } else if (e.key === 'Enter') {
      if (open && options[activeIndex]) {
        e.preventDefault();
        pick(options[activeIndex]);
      }
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className={cn('text-[13px] font-medium text-slate-800', hideLabel && 'sr-only')}>
        {label}
      </label>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && options[activeIndex] ? `${listId}-${activeIndex}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errId : undefined}
          disabled={disabled}
          value={text}
          placeholder={placeholder}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
          className={cn(controlClasses, 'h-9 pl-8')}
        />
        {open && (
          <ul
            id={listId}
            role="listbox"
            aria-label={`${label}: results`}
            className="absolute left-0 right-0 top-full z-40 mt-1 max-h-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg"
          >
            {results.isPending ? (
              <li className="px-2 py-1.5 text-slate-500">Searching…</li>
            ) : results.isError ? (
              <li className="px-2 py-1.5 text-red-700">Could not search. Try again.</li>
            ) : options.length === 0 ? (
              <li className="px-2 py-1.5 text-slate-500">{search ? `No milestone matches “${search}”` : 'No other milestones'}</li>
            ) : (
              options.map((m, i) => (
                <li
                  key={m.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === activeIndex}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(m)}
                  onMouseEnter={() => setActive(i)}
                  className={cn('flex cursor-pointer items-center justify-between gap-2 rounded px-2 py-1.5', i === activeIndex && 'bg-indigo-50')}
                >
                  <span className="min-w-0 truncate text-slate-900">{m.title}</span>
                  <span className="shrink-0 text-xs text-slate-500">due {formatDate(m.dueDate)}</span>
                </li>
              ))
            )}
          </ul>
        )}
      </div>
      {error && (
        <p id={errId} role="alert" className="flex items-start gap-1 text-xs font-medium text-red-700">
          <span aria-hidden>⚠</span>
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}

/** A multi-select of milestones: chips for the chosen ones (removable) and a search to add more. */
export function MilestoneMultiPicker({
  coalitionId,
  label,
  value,
  onChange,
  known,
  error,
  excludeIds = [],
}: {
  coalitionId: string;
  label: string;
  value: string[];
  onChange: (ids: string[]) => void;
  /** Titles of milestones chosen before (so chips can show names). */
  known?: ReadonlyArray<PickedMilestone>;
  error?: string | undefined;
  excludeIds?: readonly string[];
}) {
  const [picked, setPicked] = useState<Map<string, PickedMilestone>>(() => new Map((known ?? []).map((m) => [m.id, m])));
  return (
    <div className="flex flex-col gap-2">
      <MilestoneSearch
        coalitionId={coalitionId}
        label={label}
        excludeIds={[...value, ...excludeIds]}
        error={error ?? null}
        onPick={(m) => {
          setPicked((prev) => new Map(prev).set(m.id, m));
          onChange([...value, m.id]);
        }}
      />
      {value.length > 0 && (
        <ul aria-label={`${label}: chosen`} className="flex flex-wrap gap-1.5">
          {value.map((id) => {
            const m = picked.get(id);
            return (
              <li key={id} className="inline-flex max-w-full items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 text-xs text-slate-800 ring-1 ring-slate-200">
                <span className="truncate">{m?.title ?? 'Milestone'}</span>
                {m && <StatusBadge of="milestoneStatus" value={m.status} className="hidden sm:inline-flex" />}
                <button
                  type="button"
                  onClick={() => onChange(value.filter((v) => v !== id))}
                  aria-label={`Remove ${m?.title ?? 'milestone'}`}
                  className="rounded-full p-0.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  <X aria-hidden className="size-3.5" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
