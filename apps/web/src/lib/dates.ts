/**
 * How dates and instants read on screen. Date arithmetic, "today" and the countdown are the
 * domain's (@coalition/domain: `todayIn`, `daysBetween`, `goalCountdown`), never redone here.
 */
import { plural } from '@coalition/domain';

const DAY_MS = 86_400_000;
const utc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** '2020-09-21' → '21 Sep 2020' */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateFmt.format(utc(iso));
}
export function formatMonth(iso: string): string {
  return monthFmt.format(utc(iso));
}

const timeFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
/** An instant (ms) as a short relative time: "just now", "5 min ago", "3 h ago", else a date. */
export function formatInstant(ms: number, now: number = Date.now()): string {
  const diff = Math.max(0, now - ms);
  if (diff < 60_000) return 'just now';
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)} min ago`;
  if (diff < DAY_MS) return `${Math.floor(diff / 3_600_000)} h ago`;
  if (diff < 7 * DAY_MS) return `${plural(Math.floor(diff / DAY_MS), 'day')} ago`;
  return timeFmt.format(ms);
}
export function formatInstantFull(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
