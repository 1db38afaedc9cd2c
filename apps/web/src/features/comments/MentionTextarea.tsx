import { useId, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { Textarea } from '../../components/Input.tsx';
import { cn } from '../../lib/cn.ts';
import { activeMention, filterMembers, type MentionMember } from './mentions.ts';

export interface MentionTextareaProps {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  members: readonly MentionMember[];
  id?: string;
  name?: string;
  rows?: number;
  placeholder?: string;
  disabled?: boolean;
  className?: string;
  ref?: Ref<HTMLTextAreaElement>;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
  'aria-label'?: string;
  /** Ctrl/Cmd+Enter (when the suggestion list is closed). */
  onSubmitShortcut?: () => void;
}

/**
 * A textarea with @-mention autocomplete: typing `@` lists the members whose names match what
 * follows; ↑/↓ choose, Enter or Tab (or a click) inserts "@Full Name ", Escape closes the list.
 * It is an ARIA combobox: the list is announced and the active option is tracked.
 */
export function MentionTextarea({ value, onChange, onBlur, members, onSubmitShortcut, ref, className, ...rest }: MentionTextareaProps) {
  const listId = useId();
  const inner = useRef<HTMLTextAreaElement | null>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  const options = mention ? filterMembers(members, mention.query) : [];
  const open = !!mention && options.length > 0 && dismissedAt !== mention.start;
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const track = (el: HTMLTextAreaElement) => {
    const next = el.selectionStart === el.selectionEnd ? activeMention(el.value, el.selectionStart) : null;
    if (mention?.start !== next?.start || mention?.query !== next?.query) {
      setActive(0);
      setMention(next);
    }
    if (!next) setDismissedAt(null);
  };

  const insert = (member: MentionMember) => {
    const el = inner.current;
    if (!el || !mention) return;
    const caret = el.selectionStart;
    const text = `@${member.name} `;
    const next = value.slice(0, mention.start) + text + value.slice(caret).replace(/^ /, '');
    onChange(next);
    setMention(null);
    const pos = mention.start + text.length;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(pos, pos);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setActive((activeIndex + 1) % options.length);
        return;
      }
      if (e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((activeIndex - 1 + options.length) % options.length);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey && !e.metaKey && !e.ctrlKey) || e.key === 'Tab') {
        e.preventDefault();
        const chosen = options[activeIndex];
        if (chosen) insert(chosen);
        return;
      }
      if (e.key === 'Escape') {
        // Close the list, not the surrounding dialog.
        e.preventDefault();
        e.stopPropagation();
        setDismissedAt(mention!.start);
        return;
      }
    }
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey) && onSubmitShortcut) {
      e.preventDefault();
      onSubmitShortcut();
    }
  };

  const optionId = (i: number) => `${listId}-opt-${i}`;

  return (
    <div className="relative">
      <Textarea
        {...rest}
        ref={(el) => {
          inner.current = el;
          if (typeof ref === 'function') ref(el);
          else if (ref) (ref as { current: HTMLTextAreaElement | null }).current = el;
        }}
        className={className}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target);
        }}
        onSelect={(e) => track(e.currentTarget)}
        onClick={(e) => track(e.currentTarget)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Let a click on an option land first.
          setTimeout(() => setMention(null), 150);
          onBlur?.();
        }}
      />
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Members to mention"
          className="absolute left-0 right-0 top-full z-30 mt-1 max-h-56 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg sm:right-auto sm:min-w-64"
        >
          {options.map((m, i) => (
            <li
              key={m.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => insert(m)}
              onMouseEnter={() => setActive(i)}
              className={cn('cursor-pointer rounded px-2 py-1.5 text-slate-800', i === activeIndex && 'bg-indigo-50 text-indigo-900')}
            >
              <span className="font-medium">{m.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
