/**
 * Client-side @mention helpers, mirroring packages/api/src/domain/mentions.ts:
 * `@` + a member's full name (case-insensitive, any run of spaces matches a space, longest wins)
 * or a first name only one member has; the `@` starts the text or follows a non-word character,
 * and the name ends at a word boundary.
 */

export interface MentionMember {
  id: string;
  name: string;
}

export type BodySegment = { kind: 'text'; text: string } | { kind: 'mention'; text: string; name: string };

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (name: string) => name.trim().split(/\s+/).filter(Boolean);

interface Matcher {
  name: string;
  re: RegExp;
}

const matcher = (name: string, parts: string[]): Matcher => ({
  name,
  re: new RegExp(`${parts.map(escapeRe).join('\\s+')}(?![\\p{L}\\p{N}_])`, 'iuy'),
});

function matchers(members: readonly MentionMember[]) {
  const full: Matcher[] = [];
  const byFirst = new Map<string, MentionMember[]>();
  for (const m of members) {
    const parts = words(m.name);
    if (parts.length === 0) continue;
    full.push(matcher(m.name, parts));
    const first = parts[0]!.toLowerCase();
    const list = byFirst.get(first) ?? [];
    if (!list.some((x) => x.id === m.id)) list.push(m);
    byFirst.set(first, list);
  }
  const firstOnly: Matcher[] = [];
  for (const [first, list] of byFirst) if (list.length === 1) firstOnly.push(matcher(list[0]!.name, [first]));
  return { full, firstOnly };
}

/** Splits a comment body into plain text and mentions of known members (for highlighting). */
export function splitMentions(body: string, members: readonly MentionMember[]): BodySegment[] {
  if (!body.includes('@') || members.length === 0) return [{ kind: 'text', text: body }];
  const { full, firstOnly } = matchers(members);
  const out: BodySegment[] = [];
  let textStart = 0;
  let at = body.indexOf('@');
  while (at !== -1) {
    let length = 0;
    let name = '';
    if (at === 0 || !WORD_CHAR.test(body[at - 1]!)) {
      for (const m of full) {
        m.re.lastIndex = at + 1;
        const hit = m.re.exec(body);
        if (hit && hit[0].length > length) [length, name] = [hit[0].length, m.name];
      }
      if (!length) {
        for (const m of firstOnly) {
          m.re.lastIndex = at + 1;
          const hit = m.re.exec(body);
          if (hit) {
            [length, name] = [hit[0].length, m.name];
            break;
          }
        }
      }
    }
    if (length) {
      if (at > textStart) out.push({ kind: 'text', text: body.slice(textStart, at) });
      out.push({ kind: 'mention', text: body.slice(at, at + 1 + length), name });
      textStart = at + 1 + length;
      at = body.indexOf('@', textStart);
    } else {
      at = body.indexOf('@', at + 1);
    }
  }
  if (textStart < body.length) out.push({ kind: 'text', text: body.slice(textStart) });
  return out;
}

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
