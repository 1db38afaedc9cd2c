/**
 * The input policy for every piece of text a person types (or a file carries) into the planner:
 * names, titles, emails, descriptions, comments, search strings. One set of pure functions,
 * used by the zod building blocks in validators.ts — so the API's router inputs, the JSON
 * import and the web forms all refuse the same characters with the same message.
 *
 * Refused everywhere:
 * - C0 control characters U+0000–U+001F, DEL U+007F and C1 control characters U+0080–U+009F
 *   (NUL in particular: SQLite's `length()` stops at it, so a CHECK constraint would fail
 *   after validation passed). Multi-line text is the exception for TAB (U+0009), LINE FEED
 *   (U+000A) and CARRIAGE RETURN (U+000D) *immediately followed by* LINE FEED (`\r\n`); a lone
 *   CR is refused. (U+0085 NEXT LINE is a C1 control: refused even in multi-line text.)
 * - Bidirectional embedding, override and isolate controls: U+202A LRE, U+202B RLE, U+202C PDF,
 *   U+202D LRO, U+202E RLO, U+2066 LRI, U+2067 RLI, U+2068 FSI, U+2069 PDI. They reorder how a
 *   run of text is *displayed* without changing what it says (display spoofing, "Trojan
 *   Source"); nobody types them, and the web app lays out right-to-left text on its own.
 * - Unpaired UTF-16 surrogates (U+D800–U+DFFF not forming a pair): not text at all; SQLite
 *   would store U+FFFD instead.
 *
 * Refused in single-line text only (names, titles, goal, country, contact, emails, search):
 * TAB, LF, CR and the Unicode line and paragraph separators U+2028 / U+2029. (Leading and
 * trailing whitespace, line breaks included, is trimmed away before the check.)
 *
 * Allowed: the bidirectional *marks* U+200E LRM, U+200F RLM and U+061C ALM. They only set the
 * direction of the neutral characters (digits, punctuation) next to them and cannot reverse a
 * run of letters, and mixed Arabic or Hebrew and Latin text needs them to read correctly.
 * Zero-width joiners and non-joiners (U+200C, U+200D), combining marks and emoji are text.
 *
 * Length: counted in Unicode code points, as SQLite's `length()` counts TEXT, not in UTF-16
 * code units as JavaScript's `.length` does — an emoji is one character, a letter with a
 * combining accent is two.
 */

/** Whether a text may span several lines (descriptions, notes, comments, narratives). */
export interface TextOptions {
  multiline?: boolean;
}

/** `U+001B`: a code point as Unicode writes it (at least four hex digits). */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

const BIDI_CONTROLS: Readonly<Record<number, string>> = {
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

const isControl = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f);
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * What is wrong with `value` under the input policy (the first offending character, as a
 * message a person reads beside the field), or null when it is acceptable. Length is not
 * checked here (see `codePointLength`).
 */
export function textProblem(value: string, { multiline = false }: TextOptions = {}): string | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x7f && c >= 0x20) continue; // printable ASCII: the common case
    if (isControl(c)) {
      if (c === 0x0a || c === 0x0d) {
        if (!multiline) return `Contains a line break (${codePointLabel(c)}), which is not allowed here: keep it on one line`;
        if (c === 0x0a) continue;
        if (value.charCodeAt(i + 1) === 0x0a) {
          i++;
          continue;
        }
        return `Contains a carriage return (U+000D) that is not followed by a line feed, which is not allowed`;
      }
      if (c === 0x09) {
        if (multiline) continue;
        return 'Contains a tab character (U+0009), which is not allowed here';
      }
      return `Contains a control character (${codePointLabel(c)}), which is not allowed`;
    }
    const bidi = BIDI_CONTROLS[c];
    if (bidi) {
      return `Contains a ${bidi} character (${codePointLabel(c)}), which is not allowed: it can make text display in a misleading order`;
    }
    if ((c === 0x2028 || c === 0x2029) && !multiline) {
      return `Contains a line break (${codePointLabel(c)}), which is not allowed here: keep it on one line`;
    }
    if (isHighSurrogate(c) && isLowSurrogate(value.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (isHighSurrogate(c) || isLowSurrogate(c)) {
      return `Contains an invalid character (unpaired surrogate ${codePointLabel(c)}), which is not allowed`;
    }
  }
  return null;
}

/**
 * The number of Unicode code points in `value` — what SQLite's `length()` returns for TEXT
 * (and `[...value].length` in JavaScript): a surrogate pair counts once.
 */
export function codePointLength(value: string): number {
  let n = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    if (isHighSurrogate(value.charCodeAt(i)) && isLowSurrogate(value.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * `value` cut to at most `max` code points, ending in `…` when it was cut; never splits a
 * surrogate pair.
 */
export function truncateCodePoints(value: string, max: number): string {
  if (codePointLength(value) <= max) return value;
  const keep = Math.max(0, max - 1);
  let end = 0;
  for (let kept = 0; kept < keep && end < value.length; kept++) {
    end += isHighSurrogate(value.charCodeAt(end)) && isLowSurrogate(value.charCodeAt(end + 1)) ? 2 : 1;
  }
  return max >= 1 ? `${value.slice(0, end)}…` : '';
}
