/**
 * @mentions in comments, one definition for the server (who is notified) and the browser
 * (what is highlighted). A mention is `@` followed by a member's full display name
 * (case-insensitive; any run of spaces matches a space; the longest full name wins, and
 * members who share it are all mentioned), or by a first name that only one member has. The
 * `@` must start the text or follow a character that is not a letter or digit (so
 * `someone@example.org` mentions nobody), and the name must end at a word boundary (`@Ann`
 * does not mention Anna).
 */

export interface MentionableMember {
  id: string;
  name: string;
}

export const WORD_CHAR = /[\p{L}\p{N}_]/u;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (name: string) => name.trim().split(/\s+/).filter(Boolean);

interface Matcher {
  member: MentionableMember;
  re: RegExp;
}

const matcher = (member: MentionableMember, parts: string[]): Matcher => ({
  member,
  re: new RegExp(`${parts.map(escapeRe).join('\\s+')}(?![\\p{L}\\p{N}_])`, 'iuy'),
});

export interface MentionMatch {
  /** Index of the `@`. */
  start: number;
  /** Index just after the name. */
  end: number;
  /** Everyone this mention names (several when members share the full name). */
  members: MentionableMember[];
}

/** Every mention in `body`, in order. */
export function scanMentions(body: string, members: readonly MentionableMember[]): MentionMatch[] {
  if (!body.includes('@') || members.length === 0) return [];
  const full: Matcher[] = [];
  const byFirst = new Map<string, MentionableMember[]>();
  for (const m of members) {
    const parts = words(m.name);
    if (parts.length === 0) continue;
    full.push(matcher(m, parts));
    const first = parts[0]!.toLowerCase();
    const list = byFirst.get(first) ?? [];
    if (!list.some((x) => x.id === m.id)) list.push(m);
    byFirst.set(first, list);
  }
  const firstOnly: Matcher[] = [];
  for (const [first, list] of byFirst) if (list.length === 1) firstOnly.push(matcher(list[0]!, [first]));

  const out: MentionMatch[] = [];
  let at = body.indexOf('@');
  while (at !== -1) {
    let found: MentionableMember[] = [];
    let length = 0;
    if (at === 0 || !WORD_CHAR.test(body[at - 1]!)) {
      for (const m of full) {
        m.re.lastIndex = at + 1;
        const hit = m.re.exec(body);
        if (!hit) continue;
        if (hit[0].length > length) [found, length] = [[m.member], hit[0].length];
        else if (hit[0].length === length && !found.some((f) => f.id === m.member.id)) found.push(m.member);
      }
      if (!length) {
        for (const m of firstOnly) {
          m.re.lastIndex = at + 1;
          const hit = m.re.exec(body);
          if (hit) {
            [found, length] = [[m.member], hit[0].length];
            break;
          }
        }
      }
    }
    if (length) {
      out.push({ start: at, end: at + 1 + length, members: found });
      at = body.indexOf('@', at + 1 + length);
    } else {
      at = body.indexOf('@', at + 1);
    }
  }
  return out;
}

/** The ids of the members mentioned in `body`, each once, in order of first mention. */
export function parseMentions(body: string, members: readonly MentionableMember[]): string[] {
  const ids: string[] = [];
  for (const m of scanMentions(body, members)) for (const { id } of m.members) if (!ids.includes(id)) ids.push(id);
  return ids;
}

export type BodySegment = { kind: 'text'; text: string } | { kind: 'mention'; text: string; name: string };

/** A comment body as plain text and mentions of known members (for highlighting). */
export function splitMentions(body: string, members: readonly MentionableMember[]): BodySegment[] {
  const out: BodySegment[] = [];
  let from = 0;
  for (const m of scanMentions(body, members)) {
    if (m.start > from) out.push({ kind: 'text', text: body.slice(from, m.start) });
    out.push({ kind: 'mention', text: body.slice(m.start, m.end), name: m.members[0]!.name });
    from = m.end;
  }
  if (from < body.length || out.length === 0) out.push({ kind: 'text', text: body.slice(from) });
  return out;
}
