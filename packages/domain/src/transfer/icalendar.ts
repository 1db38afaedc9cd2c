/** An RFC 5545 calendar: the goal date and one all-day event on each milestone's due date. */
import { addDays } from '../dates.ts';
import { lowerLabelOf } from '../labels.ts';
import type { ExportedMilestone } from './format.ts';

/** A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`, other control characters dropped. */
export function icalText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point: RFC 5545 TEXT may not hold them
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}

const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Folds a content line into lines of at most 75 octets (UTF-8), each continuation starting with one space, never splitting a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

/** `2020-09-21` → `20200921`. */
const icalDate = (iso: string) => iso.replace(/-/g, '');

/** ms → `20200921T101500Z`. */
export function icalTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export const ICAL_UID_DOMAIN = 'coalition-planner';

export interface CalendarInput {
  coalition: { id: string; name: string; goal: string; goalDate: string };
  milestones: readonly Pick<ExportedMilestone, 'id' | 'title' | 'trackId' | 'dueDate' | 'status' | 'progress' | 'description'>[];
  tracks: readonly { id: string; name: string }[];
  /** DTSTAMP of every event (ms). */
  now: number;
}

function allDayEvent(uid: string, date: string, stamp: string, summary: string, description: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${icalDate(date)}`,
    `DTEND;VALUE=DATE:${icalDate(addDays(date, 1))}`,
    `SUMMARY:${icalText(summary)}`,
    `DESCRIPTION:${icalText(description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The calendar: the goal date, then one all-day event on each milestone's due date. */
export function toICalendar(input: CalendarInput): string {
  const stamp = icalTimestamp(input.now);
  const trackName = new Map(input.tracks.map((t) => [t.id, t.name]));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Coalition Planner//Due dates//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icalText(input.coalition.name)}`,
    ...allDayEvent(
      `goal-${input.coalition.id}@${ICAL_UID_DOMAIN}`,
      input.coalition.goalDate,
      stamp,
      `Goal: ${input.coalition.goal}`,
      `The goal date of ${input.coalition.name}`,
    ),
  ];
  for (const m of input.milestones) {
    const summary = m.status === 'planned' ? m.title : `[${lowerLabelOf('milestoneStatus', m.status)}] ${m.title}`;
    const track = m.trackId ? (trackName.get(m.trackId) ?? 'Coalition-wide') : 'Coalition-wide';
    const description = `Track: ${track}\nProgress: ${m.progress}%${m.description ? `\n\n${m.description}` : ''}`;
    lines.push(...allDayEvent(`${m.id}@${ICAL_UID_DOMAIN}`, m.dueDate, stamp, summary, description));
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
