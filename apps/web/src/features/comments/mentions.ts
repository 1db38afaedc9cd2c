/**
 * Composing @mentions: which mention is being typed at the caret, and which members match it.
 * What a mention is (and so what gets highlighted and who gets notified) is the domain's
 * `scanMentions` / `splitMentions`, the same the server parses comments with.
 */
import { WORD_CHAR, type MentionableMember } from '@coalition/domain';

export { splitMentions, type BodySegment } from '@coalition/domain';
export type MentionMember = MentionableMember;

/**
 * The @-query being typed at the caret: `{ start, query }` where `start` is the index of the `@`,
 * or null when the caret is not inside a mention (no `@` on this line, or it follows a word character).
 */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  if (at > 0 && WORD_CHAR.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /\s{2,}/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

/** Members whose name matches the typed query: names starting with it first, then containing it. */
export function filterMembers<M extends MentionMember>(members: readonly M[], query: string, limit = 8): M[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!q) return members.slice(0, limit);
  const starts: M[] = [];
  const wordStarts: M[] = [];
  for (const m of members) {
    const name = m.name.toLowerCase();
    if (name.startsWith(q)) starts.push(m);
    else if (name.split(/\s+/).some((w) => w.startsWith(q)) || name.includes(q)) wordStarts.push(m);
  }
  return [...starts, ...wordStarts].slice(0, limit);
}
