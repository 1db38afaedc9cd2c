/** Calendar feeds through the router: create (all or one coalition), list, revoke, who may, the cap, and the feed itself. */
import { describe, expect, it } from 'vitest';
import { hashToken } from '@coalition/auth';
import { calendarFeeds } from '@coalition/db';
import { createTestApp } from '../support/harness.ts';
import { createTeam } from '../support/team.ts';

const tokenOf = (url: string) => /\/calendar\/([a-z2-7]+)\.ics$/.exec(url)![1]!;

describe('calendar feeds', () => {
  it('creates a link for all my coalitions or for one, shows its URL once and lists it without the token', async () => {
    const app = createTestApp();
    const { owner, viewer, coalitionId } = await createTeam(app);
    const all = await viewer.caller.calendar.create({});
    expect(all.url).toMatch(/^http:\/\/localhost:3000\/calendar\/[a-z2-7]{32}\.ics$/);
    expect(all.feed).toMatchObject({ scope: 'all', coalitionId: null, coalitionName: null, lastUsedAt: null });
    const one = await viewer.caller.calendar.create({ coalitionId });
    expect(one.feed).toMatchObject({ scope: 'coalition', coalitionId, coalitionName: 'Summit coalition' });
    expect(tokenOf(one.url)).not.toBe(tokenOf(all.url));

    // Only the hash is stored.
    const stored = app.db.select().from(calendarFeeds).all();
    expect(stored.map((f) => f.tokenHash).sort()).toEqual([hashToken(tokenOf(all.url)), hashToken(tokenOf(one.url))].sort());
    expect(JSON.stringify(stored)).not.toContain(tokenOf(all.url));

    const list = await viewer.caller.calendar.list();
    expect(list.map((f) => f.id).sort()).toEqual([one.feed.id, all.feed.id].sort());
    expect(JSON.stringify(list)).not.toMatch(/calendar\/|token/i);
    // Another person's list is their own.
    expect(await owner.caller.calendar.list()).toEqual([]);
  });

  it('uses the public URL the server is reached at', async () => {
    const app = createTestApp({ publicUrl: 'https://plan.example.org/' });
    const me = await app.signUp('Pia');
    const { url } = await me.caller.calendar.create({});
    expect(url).toMatch(/^https:\/\/plan\.example\.org\/calendar\/[a-z2-7]{32}\.ics$/);
  });

  it('refuses a link for a coalition the caller is not a member of, as if it did not exist, writing nothing', async () => {
    const app = createTestApp();
    const { outsider, coalitionId, otherCoalitionId } = await createTeam(app);
    const before = app.rowCounts();
    await expect(outsider.caller.calendar.create({ coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Coalition not found' });
    await expect(outsider.caller.calendar.create({ coalitionId: 'a'.repeat(20) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(outsider.caller.calendar.create({ coalitionId: 'not an id' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(app.rowCounts()).toEqual(before);
    // Their own coalition is fine.
    await expect(outsider.caller.calendar.create({ coalitionId: otherCoalitionId })).resolves.toMatchObject({ feed: { scope: 'coalition' } });
  });

  it('needs a session for list, create and revoke', async () => {
    const app = createTestApp();
    await expect(app.anonymous.calendar.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(app.anonymous.calendar.create({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(app.anonymous.calendar.revoke({ feedId: 'a'.repeat(20) })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('revokes only my own links: another person’s is NOT_FOUND and keeps working', async () => {
    const app = createTestApp();
    const { owner, viewer } = await createTeam(app);
    const mine = await viewer.caller.calendar.create({});
    const theirs = await owner.caller.calendar.create({});
    await expect(viewer.caller.calendar.revoke({ feedId: theirs.feed.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Calendar link not found' });
    await expect(viewer.caller.calendar.revoke({ feedId: 'b'.repeat(20) })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Calendar link not found' });
    expect(await app.anonymous.calendar.feed({ token: tokenOf(theirs.url) })).toMatchObject({ content: expect.stringContaining('BEGIN:VCALENDAR') });

    const revoked = await viewer.caller.calendar.revoke({ feedId: mine.feed.id });
    expect(revoked).toMatchObject({ id: mine.feed.id, revokedAt: expect.any(Number) });
    // Again: the same answer, nothing changes.
    expect(await viewer.caller.calendar.revoke({ feedId: mine.feed.id })).toEqual(revoked);
    expect(await viewer.caller.calendar.list()).toEqual([]);
    await expect(app.anonymous.calendar.feed({ token: tokenOf(mine.url) })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Calendar not found' });
    expect((await owner.caller.calendar.list()).map((f) => f.id)).toEqual([theirs.feed.id]);
  });

  it('caps live links per person at 20 with a clear error; revoking one makes room', async () => {
    const app = createTestApp();
    const me = await app.signUp('Many Links');
    const created = [];
    for (let i = 0; i < 20; i++) created.push(await me.caller.calendar.create({}));
    const before = app.rowCounts();
    await expect(me.caller.calendar.create({})).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/already have 20 calendar links.*Revoke one/),
    });
    expect(app.rowCounts()).toEqual(before);
    await me.caller.calendar.revoke({ feedId: created[0]!.feed.id });
    await expect(me.caller.calendar.create({})).resolves.toMatchObject({ feed: { scope: 'all' } });
    // Someone else is not affected by my links.
    const other = await app.signUp('Other');
    await expect(other.caller.calendar.create({})).resolves.toBeTruthy();
  });

  it('keeps revoked links 30 days, then drops them when the person creates another', async () => {
    let now = Date.UTC(2026, 0, 1);
    const app = createTestApp({ now: () => now });
    const me = await app.signUp('Tidy');
    const old = await me.caller.calendar.create({});
    await me.caller.calendar.revoke({ feedId: old.feed.id });
    now += 29 * 86_400_000;
    await me.caller.calendar.create({});
    expect(app.db.select().from(calendarFeeds).all()).toHaveLength(2);
    now += 2 * 86_400_000;
    await me.caller.calendar.create({});
    expect(app.db.select().from(calendarFeeds).all().map((f) => f.id)).not.toContain(old.feed.id);
  });

  it('serves only the coalitions the person is still a member of; a coalition link they left serves no events', async () => {
    const app = createTestApp();
    const { owner, viewer, coalitionId, outsider, otherCoalitionId } = await createTeam(app);
    await owner.caller.milestone.create({ coalitionId, title: 'Draft agreed', dueDate: '2029-03-01' });
    await outsider.caller.milestone.create({ coalitionId: otherCoalitionId, title: 'Secret milestone', dueDate: '2029-04-01' });
    const all = await viewer.caller.calendar.create({});
    const one = await viewer.caller.calendar.create({ coalitionId });
    const feedOf = (url: string) => app.anonymous.calendar.feed({ token: tokenOf(url) });

    const served = await feedOf(all.url);
    expect(served.filename).toBe('coalitions-due-dates.ics');
    expect(served.content).toContain('SUMMARY:Draft agreed (Summit coalition)');
    expect(served.content).toContain('SUMMARY:Goal: Convene the summit (Summit coalition)');
    expect(served.content).not.toContain('Secret');
    expect((await feedOf(one.url)).filename).toBe('summit-coalition-due-dates.ics');

    await owner.caller.member.remove({ coalitionId, userId: viewer.id });
    const after = await feedOf(all.url);
    expect(after.content).not.toContain('Summit coalition');
    expect(after.content).not.toContain('BEGIN:VEVENT');
    const left = await feedOf(one.url);
    expect(left.content).not.toContain('BEGIN:VEVENT');
    expect(left.content).not.toContain('Summit coalition');
    // The list no longer names it either.
    expect((await viewer.caller.calendar.list()).find((f) => f.id === one.feed.id)).toMatchObject({ scope: 'coalition', coalitionName: null });
  });

  it('records the last use at most every five minutes', async () => {
    let now = Date.UTC(2026, 0, 1, 12);
    const app = createTestApp({ now: () => now });
    const me = await app.signUp('Poller');
    const { url, feed } = await me.caller.calendar.create({});
    const lastUsed = async () => (await me.caller.calendar.list()).find((f) => f.id === feed.id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await app.anonymous.calendar.feed({ token: tokenOf(url) });
    expect(await lastUsed()).toBe(now);
    const first = now;
    now += 60_000;
    await app.anonymous.calendar.feed({ token: tokenOf(url) });
    expect(await lastUsed()).toBe(first);
    now += 5 * 60_000;
    await app.anonymous.calendar.feed({ token: tokenOf(url) });
    expect(await lastUsed()).toBe(now);
  });

  it('a deleted coalition takes its links with it', async () => {
    const app = createTestApp();
    const me = await app.signUp('Owner Of One');
    const coalition = await me.caller.coalition.create({ name: 'Short lived', goal: 'Goal', goalDate: '2030-01-01' });
    const { url } = await me.caller.calendar.create({ coalitionId: coalition.id });
    await me.caller.coalition.delete({ coalitionId: coalition.id, confirmName: 'Short lived' });
    expect(await me.caller.calendar.list()).toEqual([]);
    await expect(app.anonymous.calendar.feed({ token: tokenOf(url) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
