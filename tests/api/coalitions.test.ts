import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@coalition/api';
import { createTestApp } from '../support/harness.ts';

describe('coalitions', () => {
  it('the creator becomes owner; list shows only my coalitions with my role', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const bob = await app.signUp('Bob');
    const c = await alice.caller.coalition.create({
      name: 'World Summit',
      goal: 'Convene a World Summit on Global Security, Justice & Governance',
      goalDate: '2030-09-21',
      description: '',
    });
    expect(c.role).toBe('owner');
    expect(await alice.caller.coalition.list()).toMatchObject([{ id: c.id, role: 'owner', timeZone: 'UTC', progress: { progress: 0, milestoneCount: 0 } }]);
    expect(await bob.caller.coalition.list()).toEqual([]);
    await expect(bob.caller.coalition.get({ coalitionId: c.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const activity = app.db.$client.prepare('SELECT action FROM activity WHERE coalition_id = ?').all(c.id);
    expect(activity).toEqual([{ action: 'coalition.created' }]);
  });

  it('refuses invalid fields with a message per field and writes nothing', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const before = app.rowCounts();
    const err = await alice.caller.coalition
      .create({ name: '', goal: 'x'.repeat(501), goalDate: '2030-02-30', description: '' })
      .catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    expect(fieldErrorsOf(err.cause)).toEqual({
      name: ['Required'],
      goal: ['At most 500 characters'],
      goalDate: ['Not a real calendar date'],
    });
    expect(app.rowCounts()).toEqual(before);
  });

  it('an update with a stale version gets CONFLICT with the current record and overwrites nothing', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const c = await alice.caller.coalition.create({ name: 'A', goal: 'G', goalDate: '2030-01-01', description: '' });
    const first = await alice.caller.coalition.update({ coalitionId: c.id, version: 1, name: 'Renamed by Alice' });
    expect(first.version).toBe(2);
    const err = await alice.caller.coalition.update({ coalitionId: c.id, version: 1, goalDate: '2031-01-01' }).catch((e) => e);
    expect(err.code).toBe('CONFLICT');
    expect(err.cause.current).toMatchObject({ name: 'Renamed by Alice', version: 2, goalDate: '2030-01-01' });
    expect(await alice.caller.coalition.get({ coalitionId: c.id })).toMatchObject({ name: 'Renamed by Alice', goalDate: '2030-01-01', version: 2 });
    const log = app.db.$client.prepare("SELECT data FROM activity WHERE action = 'coalition.updated'").all() as { data: string }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.data)).toEqual({ name: ['A', 'Renamed by Alice'] });
  });

  it('only an owner deletes, after retyping the name; everything in it goes', async () => {
    const app = createTestApp();
    const alice = await app.signUp('Alice');
    const c = await alice.caller.coalition.create({ name: 'To delete', goal: 'G', goalDate: '2030-01-01', description: '' });
    await expect(alice.caller.coalition.delete({ coalitionId: c.id, confirmName: 'wrong' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await alice.caller.coalition.delete({ coalitionId: c.id, confirmName: 'To delete' });
    expect(await alice.caller.coalition.list()).toEqual([]);
    const counts = app.rowCounts();
    expect([counts.coalitions, counts.memberships, counts.activity]).toEqual([0, 0, 0]);
  });
});

describe('members', () => {
  async function setup() {
    const app = createTestApp();
    const owner = await app.signUp('Olga');
    const editor = await app.signUp('Eddie');
    const c = await owner.caller.coalition.create({ name: 'C', goal: 'G', goalDate: '2030-01-01', description: '' });
    const { link } = await owner.caller.invitation.create({ coalitionId: c.id, email: editor.email, role: 'editor' });
    await editor.caller.invitation.accept({ token: link.split('/invite/')[1]! });
    return { app, owner, editor, coalitionId: c.id };
  }

  it('a coalition always keeps at least one owner', async () => {
    const { app, owner, coalitionId } = await setup();
    const before = app.rowCounts();
    await expect(owner.caller.member.leave({ coalitionId })).rejects.toThrow(/at least one owner/);
    await expect(owner.caller.member.changeRole({ coalitionId, userId: owner.id, role: 'editor' })).rejects.toThrow(/at least one owner/);
    await expect(owner.caller.member.remove({ coalitionId, userId: owner.id })).rejects.toThrow(/at least one owner/);
    expect(app.rowCounts()).toEqual(before);
  });

  it('owners change roles and remove members; editors cannot; a removed member loses access at once', async () => {
    const { owner, editor, coalitionId } = await setup();
    await expect(editor.caller.member.changeRole({ coalitionId, userId: editor.id, role: 'owner' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await owner.caller.member.changeRole({ coalitionId, userId: editor.id, role: 'owner' });
    // Now two owners: the first may step down.
    await owner.caller.member.changeRole({ coalitionId, userId: owner.id, role: 'viewer' });
    expect((await editor.caller.member.list({ coalitionId })).map((m) => [m.name, m.role])).toEqual([
      ['Eddie', 'owner'],
      ['Olga', 'viewer'],
    ]);
    await editor.caller.member.remove({ coalitionId, userId: owner.id });
    await expect(owner.caller.coalition.get({ coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(editor.caller.member.remove({ coalitionId, userId: owner.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a member can leave', async () => {
    const { editor, owner, coalitionId } = await setup();
    await editor.caller.member.leave({ coalitionId });
    expect((await owner.caller.member.list({ coalitionId })).map((m) => m.name)).toEqual(['Olga']);
  });
});

describe('templates re-based to today', () => {
  it('startToday shifts the plan so the template as-of day is today', async () => {
    const now = Date.UTC(2026, 10, 28, 12);
    const app = createTestApp({ now: () => now });
    const alice = await app.signUp('Alice');
    const templates = await alice.caller.coalition.templates();
    const ws = templates.find((t) => t.id === 'world-summit-2020')!;
    expect(ws.asOf).toBe('2019-11-30');
    const c = await alice.caller.coalition.createFromTemplate({ templateId: 'world-summit-2020', startToday: true });
    // 2019-11-30 -> 2026-11-28 is 2555 days; the goal 2020-09-21 moves by as much.
    expect(c.goalDate).toBe('2027-09-20');
    const dashboard = await alice.caller.coalition.dashboard({ coalitionId: c.id });
    expect(dashboard.daysToGoal).toBe(296);
    await expect(
      alice.caller.coalition.createFromTemplate({ templateId: 'world-summit-2020', startToday: true, goalDate: '2030-01-01' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
