/**
 * RFC 5545 calendars: the goal date and one all-day event on each milestone's due date — one
 * coalition's, for download (`toICalendar`), or several coalitions' with reminders, for a
 * private subscription URL (`toCalendarFeed`).
 */
import { addDays } from '../dates.ts';
import type { MilestoneStatus } from '../enums.ts';
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

interface EventSpec {
  uid: string;
  date: string;
  summary: string;
  description: string;
  /** A link back to the item (URI, not escaped as TEXT). */
  url?: string | undefined;
  /** A DISPLAY reminder before the start, e.g. `-PT15H` (09:00 the day before an all-day event). */
  alarm?: string | undefined;
}

function allDayEvent(e: EventSpec, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${icalDate(e.date)}`,
    `DTEND;VALUE=DATE:${icalDate(addDays(e.date, 1))}`,
    `SUMMARY:${icalText(e.summary)}`,
    `DESCRIPTION:${icalText(e.description)}`,
    ...(e.url ? [`URL:${e.url}`] : []),
    'TRANSP:TRANSPARENT',
    ...(e.alarm
      ? ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${icalText(`Tomorrow: ${e.summary}`)}`, `TRIGGER:${e.alarm}`, 'END:VALARM']
      : []),
    'END:VEVENT',
  ];
}

const goalUid = (coalitionId: string) => `goal-${coalitionId}@${ICAL_UID_DOMAIN}`;
const milestoneUid = (milestoneId: string) => `${milestoneId}@${ICAL_UID_DOMAIN}`;

function milestoneSummary(m: CalendarInput['milestones'][number]): string {
  return m.status === 'planned' ? m.title : `[${lowerLabelOf('milestoneStatus', m.status)}] ${m.title}`;
}

function milestoneDescription(m: CalendarInput['milestones'][number], trackName: Map<string, string>): string {
  const track = m.trackId ? (trackName.get(m.trackId) ?? 'Coalition-wide') : 'Coalition-wide';
  return `Track: ${track}\nProgress: ${m.progress}%${m.description ? `\n\n${m.description}` : ''}`;
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
      {
        uid: goalUid(input.coalition.id),
        date: input.coalition.goalDate,
        summary: `Goal: ${input.coalition.goal}`,
        description: `The goal date of ${input.coalition.name}`,
      },
      stamp,
    ),
  ];
  for (const m of input.milestones) {
    lines.push(...allDayEvent({ uid: milestoneUid(m.id), date: m.dueDate, summary: milestoneSummary(m), description: milestoneDescription(m, trackName) }, stamp));
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------
// The subscription feed (a private calendar URL): several coalitions, with reminders
// ---------------------------------------------------------------------------

/** Live (not revoked) private calendar links one person may hold. */
export const MAX_CALENDAR_FEEDS_PER_USER = 20;

/** The feed's reminder: 09:00 the day before (an all-day event starts at 00:00 local time). */
export const FEED_REMINDER_TRIGGER = '-PT15H';

/** How often calendar clients are asked to fetch the feed again (most poll on their own schedule anyway). */
export const FEED_REFRESH_INTERVAL = 'PT1H';

/** Milestones past reminding: finished or given up. */
const NO_REMINDER: ReadonlySet<MilestoneStatus> = new Set<MilestoneStatus>(['done', 'dropped']);

export interface CalendarFeedInput {
  /** The calendar's name in the client (X-WR-CALNAME). */
  name: string;
  /** A sentence about the calendar (X-WR-CALDESC). */
  description: string;
  coalitions: readonly Omit<CalendarInput, 'now'>[];
  /** Links back to the app (URL of each event), when known. */
  links?: { coalition: (coalitionId: string) => string; milestone: (coalitionId: string, milestoneId: string) => string } | undefined;
  /** DTSTAMP of every event (ms). */
  now: number;
}

/**
 * The subscription feed: for each coalition its goal date and one all-day event per milestone
 * due date, each SUMMARY naming the coalition, with a DISPLAY reminder at 09:00 the day before
 * (none on finished or dropped milestones). UIDs are stable per milestone, so a client updates
 * its events in place on each fetch. No coalitions: a valid calendar with no events (a client
 * then drops what it showed).
 */
export function toCalendarFeed(input: CalendarFeedInput): string {
  const stamp = icalTimestamp(input.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Coalition Planner//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icalText(input.name)}`,
    `X-WR-CALDESC:${icalText(input.description)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${FEED_REFRESH_INTERVAL}`,
    `X-PUBLISHED-TTL:${FEED_REFRESH_INTERVAL}`,
  ];
  for (const { coalition, milestones, tracks } of input.coalitions) {
    const trackName = new Map(tracks.map((t) => [t.id, t.name]));
    const of = ` (${coalition.name})`;
    lines.push(
      ...allDayEvent(
        {
          uid: goalUid(coalition.id),
          date: coalition.goalDate,
          summary: `Goal: ${coalition.goal}${of}`,
          description: `The goal date of ${coalition.name}`,
          url: input.links?.coalition(coalition.id),
          alarm: FEED_REMINDER_TRIGGER,
        },
        stamp,
      ),
    );
    for (const m of milestones) {
      lines.push(
        ...allDayEvent(
          {
            uid: milestoneUid(m.id),
            date: m.dueDate,
            summary: `${milestoneSummary(m)}${of}`,
            description: `Coalition: ${coalition.name}\n${milestoneDescription(m, trackName)}`,
            url: input.links?.milestone(coalition.id, m.id),
            alarm: NO_REMINDER.has(m.status) ? undefined : FEED_REMINDER_TRIGGER,
          },
          stamp,
        ),
      );
    }
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
