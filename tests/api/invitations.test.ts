import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/harness.ts';

async function setup(now?: () => number) {
  const app = createTestApp(now ? { now } : {});
  const owner = await app.signUp('Olga Owner');
  const bob = await app.signUp('Bob Focal');
  const coalition = await owner.caller.coalition.create({ name: 'Reform', goal: 'Summit', goalDate: '2030-01-01' });
  return { app, owner, bob, coalitionId: coalition.id };
}

const tokenOf = (link: string) => link.split('/invite/')[1]!;

describe('invitations', () => {
  it('an owner invites by email; the link is single-use, shows what it grants, and joins with that role', async () => {
    const { app, owner, bob, coalitionId } = await setup();
    const { link, invitation } = await owner.caller.invitation.create({ coalitionId, email: bob.email.toUpperCase(), role: 'viewer' });
    expect(link).toMatch(/^http:\/\/localhost:3000\/invite\/[a-z2-7]{32}$/);
    expect(invitation.status).toBe('pending');
    // Only the hash is stored.
    const stored = app.db.$client.prepare('SELECT token_hash FROM invitations').get() as { token_hash: string };
    expect(stored.token_hash).not.toContain(tokenOf(link));

    expect(await app.anonymous.invitation.preview({ token: tokenOf(link) })).toMatchObject({
      status: 'pending',
      coalitionName: 'Reform',
      role: 'viewer',
    });
    await expect(bob.caller.coalition.get({ coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await bob.caller.invitation.accept({ token: tokenOf(link) })).toEqual({ coalitionId, role: 'viewer' });
    expect(await bob.caller.coalition.get({ coalitionId })).toMatchObject({ role: 'viewer' });
    // Viewer cannot edit.
    await expect(bob.caller.coalition.update({ coalitionId, version: 1, name: 'Hijacked' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Used: a second accept grants nothing and says why.
    await expect(bob.caller.invitation.accept({ token: tokenOf(link) })).rejects.toThrow(/already been used/);
    expect((await app.anonymous.invitation.preview({ token: tokenOf(link) })).status).toBe('used');
    const list = await owner.caller.invitation.list({ coalitionId });
    expect(list[0]).toMatchObject({ status: 'used' });
  });

  it('an expired or revoked link gets a clear message and grants nothing', async () => {
    let now = Date.UTC(2026, 5, 1);
    const { app, owner, bob, coalitionId } = await setup(() => now);
    const expired = await owner.caller.invitation.create({ coalitionId, email: bob.email, role: 'editor' });
    const revoked = await owner.caller.invitation.create({ coalitionId, email: bob.email, role: 'editor' });
    await owner.caller.invitation.revoke({ coalitionId, invitationId: revoked.invitation.id });
    now += 7 * 86_400_000 + 1;
    const before = app.rowCounts();
    await expect(bob.caller.invitation.accept({ token: tokenOf(expired.link) })).rejects.toThrow(/expired/);
    await expect(bob.caller.invitation.accept({ token: tokenOf(revoked.link) })).rejects.toThrow(/revoked/);
    await expect(bob.caller.invitation.accept({ token: 'a'.repeat(32) })).rejects.toThrow(/not valid/);
    expect(app.rowCounts()).toEqual(before);
    await expect(bob.caller.coalition.get({ coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a link is bound to the invited email', async () => {
    const { app, owner, coalitionId } = await setup();
    const mallory = await app.signUp('Mallory');
    const { link } = await owner.caller.invitation.create({ coalitionId, email: 'someone.else@example.org', role: 'owner' });
    await expect(mallory.caller.invitation.accept({ token: tokenOf(link) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(mallory.caller.coalition.get({ coalitionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('accepting never lowers an existing role, and only owners manage invitations', async () => {
    const { owner, bob, coalitionId } = await setup();
    const first = await owner.caller.invitation.create({ coalitionId, email: bob.email, role: 'editor' });
    await bob.caller.invitation.accept({ token: tokenOf(first.link) });
    await expect(bob.caller.invitation.create({ coalitionId, email: 'x@example.org', role: 'owner' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(bob.caller.invitation.list({ coalitionId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const second = await owner.caller.invitation.create({ coalitionId, email: bob.email, role: 'viewer' });
    expect(await bob.caller.invitation.accept({ token: tokenOf(second.link) })).toEqual({ coalitionId, role: 'editor' });
  });
});
