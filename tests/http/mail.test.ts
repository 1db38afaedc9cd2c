/**
 * Email through a real SMTP server (started by the test): an invitation arrives at the invited
 * address with a plain-text and an HTML part, no images, and a link built from PUBLIC_URL that
 * works; without SMTP nothing is sent and the owner is told to copy the link; a refusing server
 * leaves the invitation in place with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, disabledMailer } from '@coalition/api';
import { createTestApp } from '../support/harness.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { json, newAccount, post, query, SAME_ORIGIN, sessionCookieOf, startServer } from './helpers.ts';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

describe('invitations by email', () => {
  it('sends the invitation to the invited address with a link from PUBLIC_URL that works, and the invitee joins', async () => {
    const mailer = createSmtpMailer(smtp.url, 'Coalition Planner <planner@example.org>');
    const app = createTestApp({ mailer, publicUrl: 'https://planner.example.org' });
    const owner = await app.signUp('Olga Owner');
    const { id: coalitionId } = await owner.caller.coalition.create({ name: 'Landmine ban', goal: 'A treaty banning landmines', goalDate: '2030-01-01' });
    const invited = `invited.${Date.now()}@example.org`;
    const result = await owner.caller.invitation.create({ coalitionId, email: invited, role: 'editor' });
    expect(result).toMatchObject({ emailed: true, emailError: null });
    expect(result.link).toMatch(/^https:\/\/planner\.example\.org\/invite\/[a-z2-7]{32}$/);

    const mail = await smtp.waitFor(invited);
    expect(mail.from).toBe('planner@example.org');
    expect(mail.subject).toBe('Olga Owner invites you to "Landmine ban"');
    expect(mail.text).toContain('as an editor');
    expect(mail.text).toContain(result.link);
    expect(mail.html).toContain(`href="${result.link}"`);
    expect(mail.html).not.toMatch(/<img/i); // no tracking pixels, no remote images

    // The link in the mail is the one that works: the invitee signs up with that address and joins.
    const token = /\/invite\/([a-z2-7]+)/.exec(mail.text)![1]!;
    expect(await app.anonymous.invitation.preview({ token })).toMatchObject({ status: 'pending', email: invited, coalitionName: 'Landmine ban' });
    const invitee = await app.signUp('Ivan Invitee', undefined, invited);
    await expect(invitee.caller.invitation.accept({ token })).resolves.toMatchObject({ coalitionId });
    mailer.close();
  });

  it('the invitation email’s one-click unsubscribe stops invitation emails to that address (the link can still be copied)', async () => {
    const mailer = createSmtpMailer(smtp.url, 'planner@example.org');
    const app = createTestApp({ mailer, publicUrl: 'https://planner.example.org' });
    const running = await startServer({ app });
    try {
      const owner = await app.signUp('Olga');
      const { id: coalitionId } = await owner.caller.coalition.create({ name: 'C', goal: 'G', goalDate: '2030-01-01' });
      const invited = `no.more.${Date.now()}@example.org`;
      await owner.caller.invitation.create({ coalitionId, email: invited, role: 'viewer' });
      const mail = await smtp.waitFor(invited);
      const list = mail.headers.get('list') as { unsubscribe?: { url?: string } } | undefined;
      const url = new URL(list!.unsubscribe!.url!);
      expect(mail.text).toContain(url.href);
      const path = url.pathname + url.search;
      expect(await (await fetch(`${running.base}${path}`)).text()).toContain('Stop invitation emails?');
      expect((await fetch(`${running.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
      const again = await owner.caller.invitation.create({ coalitionId, email: invited.toUpperCase(), role: 'editor' });
      expect(again).toMatchObject({ emailed: false, emailError: expect.stringMatching(/asked not to be sent invitations/) });
      expect(smtp.inbox.filter((m) => m.to.some((t) => t.toLowerCase() === invited))).toHaveLength(1);
      // A forged address token does nothing.
      const forged = `${Buffer.from('victim@example.org').toString('base64url')}.forged`;
      expect((await fetch(`${running.base}/unsubscribe?e=${forged}`, { method: 'POST' })).status).toBe(404);
    } finally {
      await running.close();
      mailer.close();
    }
  });

  it('without SMTP nothing is sent and the owner is told to copy the link', async () => {
    const app = createTestApp({ mailer: disabledMailer });
    const owner = await app.signUp('Olga');
    const { id: coalitionId } = await owner.caller.coalition.create({ name: 'C', goal: 'G', goalDate: '2030-01-01' });
    const before = smtp.inbox.length;
    const result = await owner.caller.invitation.create({ coalitionId, email: 'nobody.emailed@example.org', role: 'viewer' });
    expect(result).toMatchObject({ emailed: false, emailError: expect.stringMatching(/not set up.*copy the link/) });
    expect(smtp.inbox.length).toBe(before);
  });

  it('a mail server that refuses leaves the invitation (its link still works) and says so', async () => {
    const mailer = createSmtpMailer(smtp.url, 'planner@example.org');
    const app = createTestApp({ mailer });
    const owner = await app.signUp('Olga');
    const { id: coalitionId } = await owner.caller.coalition.create({ name: 'C', goal: 'G', goalDate: '2030-01-01' });
    smtp.refuse(true);
    try {
      const result = await owner.caller.invitation.create({ coalitionId, email: 'refused@example.org', role: 'viewer' });
      expect(result).toMatchObject({ emailed: false, emailError: expect.stringMatching(/could not be sent/) });
      expect((await owner.caller.invitation.list({ coalitionId })).map((i) => i.email)).toEqual(['refused@example.org']);
    } finally {
      smtp.refuse(false);
      mailer.close();
    }
  });

  it('over HTTP, with the server configured for SMTP, the invitation arrives', async () => {
    const mailer = createSmtpMailer(smtp.url, 'planner@example.org');
    const running = await startServer({ app: createTestApp({ mailer }) });
    try {
      const signUp = await post(running.base, 'auth.signUp', newAccount('Http Owner'));
      const { cookie } = sessionCookieOf(signUp)!;
      await signUp.text();
      const created = await json(await post(running.base, 'coalition.create', { name: 'Over HTTP', goal: 'G', goalDate: '2030-01-01' }, { ...SAME_ORIGIN, cookie }));
      const coalitionId = created.result.data.id as string;
      const invited = `http.invited.${Date.now()}@example.org`;
      const res = await json(await post(running.base, 'invitation.create', { coalitionId, email: invited, role: 'viewer' }, { ...SAME_ORIGIN, cookie }));
      expect(res.result.data.emailed).toBe(true);
      const mail = await smtp.waitFor(invited);
      expect(mail.subject).toContain('"Over HTTP"');
      const token = /\/invite\/([a-z2-7]+)/.exec(mail.text)![1]!;
      const preview = await json(await query(running.base, 'invitation.preview', { token }));
      expect(preview.result.data.email).toBe(invited);
    } finally {
      await running.close();
      mailer.close();
    }
  });
});
