/** Showing people: initials for avatars, short names for inline lists, a stable avatar colour. */

/** "Ana Bell" → "AB", "Ana" → "A". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

/** "Ana María Bell" → "Ana B.", "Ana" → "Ana". */
export function shortName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return parts[0] ?? name;
  return `${parts[0]} ${parts[parts.length - 1]![0]!.toUpperCase()}.`;
}

/** Background classes with white text at AA contrast, picked by id so a person keeps their colour. */
const AVATAR_COLORS = ['bg-indigo-600', 'bg-emerald-700', 'bg-sky-700', 'bg-rose-600', 'bg-amber-700', 'bg-violet-600', 'bg-teal-700', 'bg-fuchsia-700'];
export function avatarColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length]!;
}
