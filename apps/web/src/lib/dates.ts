/** Calendar dates are 'YYYY-MM-DD' strings; we do day arithmetic in UTC to avoid DST shifts. */

const DAY = 86_400_000;

export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function toUtc(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY);
}

export function addDays(iso: string, days: number): string {
  return new Date(toUtc(iso) + days * DAY).toISOString().slice(0, 10);
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** '2020-09-21' → '21 Sep 2020' */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateFmt.format(toUtc(iso));
}
/** '2020-09-21' → '21 Sep' */
export function formatShortDate(iso: string): string {
  return shortFmt.format(toUtc(iso));
}
export function formatMonth(iso: string): string {
  return monthFmt.format(toUtc(iso));
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
export { plural };

/** "in 12 days", "today", "3 days ago" */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
}

/** Countdown wording for a goal date: "284 days to go" / "Goal day is today" / "Goal passed 12 days ago". */
export function goalCountdown(daysToGoal: number): { short: string; long: string; past: boolean } {
  if (daysToGoal > 0) {
    return { short: `${daysToGoal.toLocaleString('en-GB')}d to go`, long: `${plural(daysToGoal, 'day')} to go`, past: false };
  }
  if (daysToGoal === 0) return { short: 'Goal day', long: 'The goal date is today', past: false };
  const n = -daysToGoal;
  return { short: `${n.toLocaleString('en-GB')}d past`, long: `Goal passed ${plural(n, 'day')} ago`, past: true };
}

const timeFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
/** An instant (ms) as a short relative time: "just now", "5 min ago", "3 h ago", else a date. */
export function formatInstant(ms: number, now: number = Date.now()): string {
  const diff = Math.max(0, now - ms);
  if (diff < 60_000) return 'just now';
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / 3_600_000)} h ago`;
  if (diff < 7 * DAY) return plural(Math.floor(diff / DAY), 'day') + ' ago';
  return timeFmt.format(ms);
}
export function formatInstantFull(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
