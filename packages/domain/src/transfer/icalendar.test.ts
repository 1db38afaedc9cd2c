/** The subscription feed (`toCalendarFeed`): reminders, escaping, folding, several coalitions; read back by ical.js. */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { FEED_REMINDER_TRIGGER, foldLine, icalText, toCalendarFeed, type CalendarFeedInput } from '../index.ts';

const NOW = Date.UTC(2024, 4, 6, 9, 30, 15);
const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (ics: string) => ics.replace(/\r\n /g, '');

type FeedMilestone = CalendarFeedInput['coalitions'][number]['milestones'][number];
const m = (id: string, title: string, dueDate: string, extra: Partial<FeedMilestone> = {}): FeedMilestone => ({
  id,
  title,
  trackId: null,
  dueDate,
  status: 'planned',
  progress: 0,
  description: '',
  ...extra,
});

function sample(): CalendarFeedInput {
  return {
    name: 'My coalitions · Coalition Planner',
    description: 'Due dates, private link',
    coalitions: [
      {
        coalition: { id: 'c1', name: 'Landmine ban, Ottawa; 1997', goal: 'Sign a treaty', goalDate: '1997-12-03' },
        milestones: [
          m('m1', 'Brussels declaration', '1997-06-27', { trackId: 't1', status: 'in_progress', progress: 60, description: 'Line one\nLine two; with, punctuation \\ backslash' }),
          m('m2', 'Oslo text', '1997-09-18', { status: 'done', progress: 100 }),
          m('m3', 'Dropped idea', '1997-10-01', { status: 'dropped' }),
        ],
        tracks: [{ id: 't1', name: 'Diplomacy' }],
      },
      {
        coalition: { id: 'c2', name: 'Sommet mondial 2020 — Genève', goal: 'Adopt the declaration', goalDate: '2020-09-21' },
        milestones: [m('m4', `A very long milestone title ${'é'.repeat(60)} that must be folded`, '2020-03-31')],
        tracks: [],
      },
    ],
    links: { coalition: (c) => `https://plan.example/c/${c}`, milestone: (c, id) => `https://plan.example/c/${c}/milestones/${id}` },
    now: NOW,
  };
}

describe('calendar feed', () => {
  it('is CRLF-terminated, folded at 75 octets, with the calendar properties clients read', () => {
    const ics = toCalendarFeed(sample());
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
    const u = unfold(ics);
    expect(u).toContain('\r\nX-WR-CALNAME:My coalitions · Coalition Planner\r\n');
    expect(u).toContain('\r\nX-WR-CALDESC:Due dates\\, private link\r\n');
    expect(u).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    expect(u).toContain('\r\nMETHOD:PUBLISH\r\n');
  });

  it('has the goal and one all-day event per milestone, SUMMARY naming the coalition, escaped per RFC 5545', () => {
    const u = unfold(toCalendarFeed(sample()));
    expect(u.match(/BEGIN:VEVENT/g)).toHaveLength(6);
    expect(u).toContain(
      'UID:goal-c1@coalition-planner\r\nDTSTAMP:20240506T093015Z\r\nDTSTART;VALUE=DATE:19971203\r\nDTEND;VALUE=DATE:19971204\r\nSUMMARY:Goal: Sign a treaty (Landmine ban\\, Ottawa\\; 1997)\r\n',
    );
    expect(u).toContain('UID:m1@coalition-planner\r\n');
    expect(u).toContain('SUMMARY:[in progress] Brussels declaration (Landmine ban\\, Ottawa\\; 1997)\r\n');
    expect(u).toContain(
      'DESCRIPTION:Coalition: Landmine ban\\, Ottawa\\; 1997\\nTrack: Diplomacy\\nProgress: 60%\\n\\nLine one\\nLine two\\; with\\, punctuation \\\\ backslash\r\n',
    );
    expect(u).toContain('URL:https://plan.example/c/c1/milestones/m1\r\n');
    expect(u).toContain('URL:https://plan.example/c/c2\r\n');
    expect(u).toContain('SUMMARY:[done] Oslo text (Landmine ban\\, Ottawa\\; 1997)\r\n');
    // The two-octet é never split by a fold.
    expect(u).toContain(`SUMMARY:A very long milestone title ${'é'.repeat(60)} that must be folded (Sommet mondial 2020 — Genève)\r\n`);
  });

  it('reminds at 09:00 the day before, except for finished or dropped milestones', () => {
    const ics = toCalendarFeed(sample());
    const cal = new ICAL.Component(ICAL.parse(ics));
    const events = cal.getAllSubcomponents('vevent');
    const alarms = Object.fromEntries(events.map((e) => [e.getFirstPropertyValue('uid'), e.getAllSubcomponents('valarm')]));
    expect(Object.keys(alarms).sort()).toEqual(['goal-c1@coalition-planner', 'goal-c2@coalition-planner', 'm1@coalition-planner', 'm2@coalition-planner', 'm3@coalition-planner', 'm4@coalition-planner']);
    for (const uid of ['goal-c1@coalition-planner', 'goal-c2@coalition-planner', 'm1@coalition-planner', 'm4@coalition-planner']) {
      expect(alarms[uid], uid).toHaveLength(1);
      const alarm = alarms[uid]![0]!;
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(String(alarm.getFirstPropertyValue('description'))).toMatch(/^Tomorrow: /);
      const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Duration;
      expect(trigger.toString()).toBe(FEED_REMINDER_TRIGGER);
      // All-day event at 00:00, minus 15 hours: 09:00 the day before.
      expect(trigger.toSeconds()).toBe(-15 * 3600);
    }
    expect(alarms['m2@coalition-planner']).toHaveLength(0);
    expect(alarms['m3@coalition-planner']).toHaveLength(0);
    // ical.js reads the escaped text back to the original.
    const m1 = events.find((e) => e.getFirstPropertyValue('uid') === 'm1@coalition-planner')!;
    expect(m1.getFirstPropertyValue('description')).toBe('Coalition: Landmine ban, Ottawa; 1997\nTrack: Diplomacy\nProgress: 60%\n\nLine one\nLine two; with, punctuation \\ backslash');
    const start = m1.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect([start.isDate, start.toString()]).toEqual([true, '1997-06-27']);
  });

  it('with no coalition is a valid calendar without events', () => {
    const ics = toCalendarFeed({ ...sample(), coalitions: [] });
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(0);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('My coalitions · Coalition Planner');
  });

  it('escapes and folds names that would break a content line', () => {
    expect(icalText('a,b;c\\d\ne\r\nf\u0007')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
    const line = foldLine(`X-WR-CALNAME:${icalText('🚀'.repeat(30))}`);
    for (const part of line.split('\r\n')) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(line.split('\r\n').map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(`X-WR-CALNAME:${'🚀'.repeat(30)}`);
  });
});
