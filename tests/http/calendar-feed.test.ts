/**
 * GET /calendar/<token>.ics over real HTTP: what a calendar client (Google, Apple, Outlook) gets.
 * The feed is read back with ical.js, a third-party parser.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_FETCHES_PER_MINUTE } from '../../apps/server/src/calendar-route.ts';
import { createTeam, type Team } from '../support/team.ts';
import { SAME_ORIGIN, startServer, type RunningServer } from './helpers.ts';

let server: RunningServer;
let team: Team;

beforeAll(async () => {
  server = await startServer();
  team = await createTeam(server.app);
});
afterAll(() => server.close());

/** The path of a feed URL (the URL is built from PUBLIC_URL, the test server listens elsewhere). */
const pathOf = (url: string) => new URL(url).pathname;
const get = (path: string, init: RequestInit = {}) => fetch(`${server.base}${path}`, init);

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const events = cal.getAllSubcomponents('vevent').map((e) => ({
    uid: String(e.getFirstPropertyValue('uid')),
    summary: String(e.getFirstPropertyValue('summary')),
    start: e.getFirstPropertyValue('dtstart') as ICAL.Time,
    alarms: e.getAllSubcomponents('valarm'),
  }));
  return { cal, events };
}

describe('calendar feed over HTTP', () => {
  it('serves the due dates as iCalendar that ical.js reads: one event per milestone, the goal, reminders', async () => {
    const { owner, viewer, coalitionId } = team;
    const a = await owner.caller.milestone.create({ coalitionId, title: 'Draft text, v1; agreed', dueDate: '2029-03-01' });
    const b = await owner.caller.milestone.create({ coalitionId, title: 'Ministerial meeting', dueDate: '2029-12-31' });
    const { url } = await viewer.caller.calendar.create({});
    expect(url).toMatch(/\/calendar\/[a-z2-7]{32}\.ics$/);

    const res = await get(pathOf(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
    const ics = await res.text();
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const { cal, events } = parse(ics);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('My coalitions · Coalition Planner');
    expect(events).toHaveLength(3);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const goal = byUid.get(`goal-${coalitionId}@coalition-planner`)!;
    expect(goal.summary).toBe('Goal: Convene the summit (Summit coalition)');
    expect([goal.start.isDate, goal.start.toString()]).toEqual([true, '2030-06-01']);
    const first = byUid.get(`${a.id}@coalition-planner`)!;
    expect(first.summary).toBe('Draft text, v1; agreed (Summit coalition)');
    expect([first.start.isDate, first.start.toString()]).toEqual([true, '2029-03-01']);
    const second = byUid.get(`${b.id}@coalition-planner`)!;
    expect(second.start.toString()).toBe('2029-12-31');
    for (const e of events) {
      expect(e.alarms, e.uid).toHaveLength(1);
      expect(e.alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect((e.alarms[0]!.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-15 * 3600);
    }

    // The same UIDs on the next fetch: clients update their events in place.
    const again = parse(await (await get(pathOf(url))).text());
    expect(again.events.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
  });

  it('a link for one coalition serves only that one', async () => {
    const { outsider, otherCoalitionId } = team;
    await outsider.caller.milestone.create({ coalitionId: otherCoalitionId, title: 'Other milestone', dueDate: '2031-01-01' });
    await outsider.caller.calendar.create({}); // unrelated link
    const mine = await outsider.caller.calendar.create({ coalitionId: otherCoalitionId });
    const { cal, events } = parse(await (await get(pathOf(mine.url))).text());
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Other coalition · Coalition Planner');
    expect(events.map((e) => e.summary).sort()).toEqual(['Goal: Something else (Other coalition)', 'Other milestone (Other coalition)']);
  });

  it('a revoked link, an unknown one and a malformed one all get the same 404 as any unknown path', async () => {
    const { viewer } = team;
    const { url, feed } = await viewer.caller.calendar.create({});
    expect((await get(pathOf(url))).status).toBe(200);
    await viewer.caller.calendar.revoke({ feedId: feed.id });

    const answers = await Promise.all(
      [pathOf(url), `/calendar/${'a'.repeat(32)}.ics`, '/calendar/not-a-token.ics', `/calendar/${'a'.repeat(32)}`, '/no-such-page'].map(async (path) => {
        const res = await get(path);
        return { path, status: res.status, type: res.headers.get('content-type'), body: await res.text() };
      }),
    );
    for (const answer of answers) {
      expect(answer, answer.path).toMatchObject({ status: 404, type: 'application/json; charset=utf-8' });
      expect(answer.body, answer.path).toBe(answers[0]!.body);
    }
    expect(JSON.parse(answers[0]!.body)).toEqual({ statusCode: 404, error: 'Not Found', message: 'Not found' });
  });

  it('a member removed from a coalition no longer receives its events', async () => {
    const app = server.app;
    const owner = await app.signUp('Owner Two');
    const member = await app.signUp('Member Two');
    const coalition = await owner.caller.coalition.create({ name: 'Temporary alliance', goal: 'Joint statement', goalDate: '2030-02-01' });
    await owner.caller.milestone.create({ coalitionId: coalition.id, title: 'Statement drafted', dueDate: '2029-11-15' });
    const { link } = await owner.caller.invitation.create({ coalitionId: coalition.id, email: member.email, role: 'editor' });
    await member.caller.invitation.accept({ token: link.split('/invite/')[1]! });
    const all = await member.caller.calendar.create({});
    const one = await member.caller.calendar.create({ coalitionId: coalition.id });
    const summaries = async (url: string) => parse(await (await get(pathOf(url))).text()).events.map((e) => e.summary);
    expect(await summaries(all.url)).toContain('Statement drafted (Temporary alliance)');
    expect(await summaries(one.url)).toHaveLength(2);

    await owner.caller.member.remove({ coalitionId: coalition.id, userId: member.id });
    const after = await get(pathOf(all.url));
    expect(after.status).toBe(200);
    const text = await after.text();
    expect(text).not.toContain('Temporary alliance');
    expect(parse(text).events).toHaveLength(0);
    // The link bound to that coalition: still a valid calendar, with nothing in it (clients drop what they showed).
    const bound = await get(pathOf(one.url));
    expect(bound.status).toBe(200);
    const boundText = await bound.text();
    expect(boundText).not.toContain('Temporary alliance');
    expect(parse(boundText).events).toHaveLength(0);
  });

  it('needs no session, ignores one, and answers HEAD', async () => {
    const { viewer } = team;
    const { url } = await viewer.caller.calendar.create({});
    const withCookie = await get(pathOf(url), { headers: { cookie: 'session=not-a-session' } });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('set-cookie')).toBeNull();
    const head = await get(pathOf(url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    // Only GET: anything else is not a route.
    expect((await get(pathOf(url), { method: 'POST', headers: { ...SAME_ORIGIN }, body: '{}' })).status).toBe(404);
  });

  it('caps fetches of one feed per minute', async () => {
    const me = await server.app.signUp('Loop');
    const { url } = await me.caller.calendar.create({});
    const statuses: number[] = [];
    for (let i = 0; i < CALENDAR_FETCHES_PER_MINUTE + 1; i++) statuses.push((await get(pathOf(url), { method: 'HEAD' })).status);
    expect(statuses.slice(0, CALENDAR_FETCHES_PER_MINUTE).every((s) => s === 200)).toBe(true);
    const last = await get(pathOf(url));
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another feed is not affected.
    const other = await me.caller.calendar.create({});
    expect((await get(pathOf(other.url))).status).toBe(200);
  });
});
