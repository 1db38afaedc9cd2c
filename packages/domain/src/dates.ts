/**
 * Calendar dates are ISO `YYYY-MM-DD` strings; arithmetic is on whole day numbers (days since
 * 1970-01-01), never on local clock time, so daylight saving cannot shift a date.
 *
 * "Today" belongs to a coalition: it is the calendar date in the coalition's IANA time zone
 * (`todayIn`), so the server and every browser, wherever they are, agree on what is overdue,
 * due soon, and how many days are left to the goal.
 */
const DAY_MS = 86_400_000;

/** Day number of an ISO date (days since 1970-01-01). */
export function toDayNumber(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Monday of the ISO week containing `iso`. */
export function weekStart(iso: string): string {
  const day = toDayNumber(iso);
  const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  return fromDayNumber(day - weekday);
}

/** A `YYYY-MM-DD` string that is a real calendar date. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

// ---------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------

export const DEFAULT_TIME_ZONE = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone name this runtime knows (IANA names such as `Europe/Geneva`, or `UTC`). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    dateFormatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date at instant `nowMs` in `timeZone`: the coalition's "today". */
export function todayIn(timeZone: string, nowMs: number): string {
  const parts = dateFormatter(timeZone).formatToParts(nowMs);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  let year = get('year');
  // Years before 1000 or after 9999 are outside every date this product stores.
  if (year.length < 4) year = year.padStart(4, '0');
  return `${year}-${get('month')}-${get('day')}`;
}

/** The browser's (or server's) own zone, for a new coalition's default; UTC if unknown. */
export function localTimeZone(): string {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return tz && isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

// ---------------------------------------------------------------------------
// Countdown
// ---------------------------------------------------------------------------

/** Days from the coalition's today to its goal date (negative once the goal has passed). */
export function daysToGoal(goalDate: string, timeZone: string, nowMs: number): number {
  return daysBetween(todayIn(timeZone, nowMs), goalDate);
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? word : pluralWord}`;
}

/** "3 of 12 milestones done", "1 of 1 milestone done": the noun agrees with the total. */
export function doneOf(done: number, total: number, word = 'milestone'): string {
  return `${done} of ${plural(total, word)} done`;
}

/** Countdown wording for a goal date: "284 days to go" / "The goal date is today" / "Goal passed 12 days ago". */
export function goalCountdown(days: number): { short: string; long: string; past: boolean } {
  if (days > 0) return { short: `${days.toLocaleString('en-GB')}d to go`, long: `${plural(days, 'day')} to go`, past: false };
  if (days === 0) return { short: 'Goal day', long: 'The goal date is today', past: false };
  const n = -days;
  return { short: `${n.toLocaleString('en-GB')}d past`, long: `Goal passed ${plural(n, 'day')} ago`, past: true };
}

/** The zone names a user may pick from (IANA names this runtime knows, UTC first). */
export function timeZoneNames(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const names = intl.supportedValuesOf?.('timeZone') ?? [];
  return [DEFAULT_TIME_ZONE, ...names.filter((n) => n !== DEFAULT_TIME_ZONE)];
}
