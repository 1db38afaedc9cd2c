/** Calendar-date helpers on ISO `YYYY-MM-DD` strings (UTC, no time zone drift). */
const DAY = 86_400_000;

export function todayIso(nowMs = Date.now()): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}
export function toDayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
}
export function fromDayNumber(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}
/** Monday of the ISO week containing `iso`. */
export function weekStart(iso: string): string {
  const day = toDayNumber(iso);
  const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7; // Monday = 0
  return fromDayNumber(day - weekday);
}
