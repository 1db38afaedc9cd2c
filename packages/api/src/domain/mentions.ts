/**
 * @mentions in comments. A mention is `@` followed by a member's full display name
 * (case-insensitive; any run of spaces matches a space; the longest full name wins, and
 * members who share it are all mentioned), or by
 * a first name that only one member has. The `@` must start the text or follow a
 * character that is not a letter or digit (so `someone@example.org` mentions nobody), and
 * the name must end at a word boundary (`@Ann` does not mention Anna).
 */

export interface MentionableMember {
  id: string;
  name: string;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (name: string) => name.trim().split(/\s+/).filter(Boolean);

interface Matcher {
  id: string;
  re: RegExp;
}

function matcher(id: string, parts: string[]): Matcher {
  return { id, re: new RegExp(`${parts.map(escape).join('\\s+')}(?![\\p{L}\\p{N}_])`, 'iuy') };
}

/** The ids of the members mentioned in `body`, each once, in order of first mention. */
export function parseMentions(body: string, members: readonly MentionableMember[]): string[] {
  if (!body.includes('@') || members.length === 0) return [];
  const full: Matcher[] = [];
  const byFirst = new Map<string, string[]>();
  for (const m of members) {
    const parts = words(m.name);
    if (parts.length === 0) continue;
    full.push(matcher(m.id, parts));
    const first = parts[0]!.toLowerCase();
    const ids = byFirst.get(first) ?? [];
    if (!ids.includes(m.id)) ids.push(m.id);
    byFirst.set(first, ids);
  }
  const firstOnly: Matcher[] = [];
  for (const [first, ids] of byFirst) {
    if (ids.length === 1) firstOnly.push(matcher(ids[0]!, [first]));
  }

  const found: string[] = [];
  for (let at = body.indexOf('@'); at !== -1; at = body.indexOf('@', at + 1)) {
    if (at > 0 && WORD_CHAR.test(body[at - 1]!)) continue;
    const start = at + 1;
    // The longest full name wins; members who share that exact name are all mentioned.
    let ids: string[] = [];
    let longest = 0;
    for (const m of full) {
      m.re.lastIndex = start;
      const hit = m.re.exec(body);
      if (!hit) continue;
      if (hit[0].length > longest) [ids, longest] = [[m.id], hit[0].length];
      else if (hit[0].length === longest) ids.push(m.id);
    }
    if (ids.length === 0) {
      for (const m of firstOnly) {
        m.re.lastIndex = start;
        if (m.re.test(body)) {
          ids = [m.id];
          break;
        }
      }
    }
    for (const id of ids) if (!found.includes(id)) found.push(id);
  }
  return found;
}
