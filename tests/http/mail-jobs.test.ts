/**
 * Email from the inbox through a real SMTP server, run by the durable job runner: a mention
 * arrives at once with a one-click unsubscribe that takes effect; a daily digest arrives for
 * those who chose it; a responsible member is reminded before a due date, once; a failed send
 * is retried with backoff and, after the last try, the inbox item says "not delivered"; a job
 * whose runner was killed mid-run is run once by the next runner.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, JobRunner } from '@coalition/api';
import { jobs, notifications, openDb } from '@coalition/db';
import { eq } from 'drizzle-orm';
import { claimDue, LEASE_MS, MAX_ATTEMPTS } from '../../packages/api/src/jobs/queue.ts';
import { createTestApp, type TestApp, type TestUser } from '../support/harness.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { startServer } from './helpers.ts';
import { startServerProcess, stopAll } from './process.ts';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

let clock = Date.UTC(2029, 8, 1, 9, 0);
async function world() {
  const mailer = createSmtpMailer(smtp.url, 'planner@example.org');
  const app = createTestApp({ mailer, publicUrl: 'https://planner.example.org', now: () => clock });
  const ann = await app.signUp('Ann Owner');
  const bob = await app.signUp('Bob Member');
  const { id: coalitionId } = await ann.caller.coalition.create({ name: 'Landmine ban', goal: 'A treaty', goalDate: '2030-01-01', timeZone: 'UTC' });
  const { link } = await ann.caller.invitation.create({ coalitionId, email: bob.email, role: 'editor' });
  await bob.caller.invitation.accept({ token: link.split('/invite/')[1]! });
  const m = await ann.caller.milestone.create({ coalitionId, title: 'Oslo conference', dueDate: '2029-09-20' });
  return { app, mailer, ann, bob, coalitionId, milestoneId: m.id, runner: new JobRunner(app.services) };
}
const mailsTo = (u: TestUser) => smtp.inbox.filter((m) => m.to.includes(u.email) && !m.subject.includes('invites you'));
const emailStatusOf = (app: TestApp, userId: string) => app.db.select().from(notifications).where(eq(notifications.userId, userId)).all().map((n) => [n.kind, n.emailStatus, n.emailError]);

describe('email from the inbox', () => {
  it('a mention is emailed at once; the one-click unsubscribe takes effect', async () => {
    const { app, mailer, ann, bob, coalitionId, milestoneId, runner } = await world();
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Member please draft the text' });
    expect(await runner.tick()).toBeGreaterThan(0);
    const mail = await smtp.waitFor(bob.email, 'mentioned you');
    expect(mail.subject).toBe('Ann Owner mentioned you in "Landmine ban"');
    expect(mail.text).toContain('please draft the text');
    expect(mail.text).toContain(`https://planner.example.org/c/${coalitionId}/milestones/${milestoneId}`);
    expect(mail.html).not.toMatch(/<img/i);
    // mailparser reads the List-* headers into one object: { unsubscribe: { url }, 'unsubscribe-post': { name } }.
    const list = mail.headers.get('list') as { unsubscribe?: { url?: string }; 'unsubscribe-post'?: { name?: string } } | undefined;
    const unsubscribe = list?.unsubscribe?.url ?? '';
    expect(unsubscribe).toMatch(/^https:\/\/planner\.example\.org\/unsubscribe\?t=/);
    expect(list?.['unsubscribe-post']?.name).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(unsubscribe);
    expect(emailStatusOf(app, bob.id)).toEqual([['mention', 'sent', null]]);
    expect(mailsTo(ann)).toEqual([]); // the author hears nothing

    // The mail client's one-click POST, cross-site, no cookie, over HTTP: it takes effect.
    const running = await startServer({ app });
    try {
      const path = new URL(unsubscribe).pathname + new URL(unsubscribe).search;
      const page = await fetch(`${running.base}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Stop emails from “Landmine ban”?');
      expect(await bob.caller.mail.preference({ coalitionId })).toMatchObject({ mode: 'immediate' }); // a GET (a link scanner) changes nothing
      const post = await fetch(`${running.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.com' }, body: 'List-Unsubscribe=One-Click' });
      expect(post.status).toBe(200);
      expect(await bob.caller.mail.preference({ coalitionId })).toMatchObject({ mode: 'none' });
      const forged = await fetch(`${running.base}/unsubscribe?t=${encodeURIComponent(`${bob.id}.${coalitionId}.forged`)}`, { method: 'POST' });
      expect(forged.status).toBe(404);
    } finally {
      await running.close();
    }
    const before = mailsTo(bob).length;
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Member are you there?' });
    await runner.tick();
    expect(mailsTo(bob).length).toBe(before);
    expect((await bob.caller.inbox.unreadCount()).unread).toBe(2); // the inbox still has it
    mailer.close();
  });

  it('the daily digest: what changed, what is due in 7 days, what is overdue — for those who chose it', async () => {
    const { ann, bob, coalitionId, runner, mailer } = await world();
    await bob.caller.mail.setPreference({ coalitionId, mode: 'digest' });
    await ann.caller.milestone.create({ coalitionId, title: 'Signing ceremony', dueDate: '2029-09-05' });
    await ann.caller.milestone.create({ coalitionId, title: 'Old consultation', dueDate: '2029-08-15' });
    runner.plan(clock);
    clock += 60 * 60_000; // past 07:00 UTC? plan ran at 09:00, so the digest job is due now
    await runner.tick();
    await runner.tick();
    const mail = await smtp.waitFor(bob.email, 'Your coalitions');
    expect(mail.subject).toBe('Your coalitions on 2029-09-01');
    expect(mail.text).toContain('== Landmine ban ==');
    expect(mail.text).toMatch(/Overdue:\n {2}- Old consultation \(was due 2029-08-15\)/);
    expect(mail.text).toMatch(/Due in the next 7 days:\n {2}- Signing ceremony \(due 2029-09-05\)/);
    expect(mail.text).toMatch(/Changed since yesterday:/);
    expect(mail.text).toContain('/unsubscribe?t=');
    expect(mailsTo(ann)).toEqual([]); // Ann did not choose the digest
    // Planning again (a restart) sends nothing twice.
    runner.plan(clock);
    await runner.tick();
    expect(mailsTo(bob).filter((m) => m.subject.startsWith('Your coalitions'))).toHaveLength(1);
    mailer.close();
  });

  it('a responsible member is reminded before the due date, once, in the inbox and by email', async () => {
    const { app, ann, bob, coalitionId, runner, mailer } = await world();
    const m = await ann.caller.milestone.create({ coalitionId, title: 'Draft treaty text', dueDate: '2029-09-03' });
    app.db.$client.prepare('UPDATE milestones SET responsible_user_id = ? WHERE id = ?').run(bob.id, m.id);
    runner.plan(clock);
    await runner.tick();
    await runner.tick();
    const items = (await bob.caller.inbox.list({})).items.filter((i) => i.kind === 'due_soon');
    expect(items).toMatchObject([{ kind: 'due_soon', target: { screen: 'milestone', id: m.id }, summary: '"Draft treaty text" is due on 2029-09-03' }]);
    const mail = await smtp.waitFor(bob.email, 'Draft treaty text');
    expect(mail.subject).toBe('Due in 2 days: Draft treaty text');
    // The next day's run does not remind again for the same due date.
    clock += 24 * 60 * 60_000;
    await runner.tick();
    await runner.tick();
    expect((await bob.caller.inbox.list({})).items.filter((i) => i.kind === 'due_soon')).toHaveLength(1);
    mailer.close();
  });

  it('a failed send is retried with backoff; after the last try the inbox item says "not delivered"', async () => {
    const { app, ann, bob, coalitionId, milestoneId, runner, mailer } = await world();
    smtp.refuse(true);
    try {
      await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Member urgent' });
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        expect(await runner.tick(clock)).toBe(1);
        const job = app.db.select().from(jobs).where(eq(jobs.kind, 'send_email')).get()!;
        expect(job.attempts).toBe(attempt);
        if (attempt < MAX_ATTEMPTS) {
          expect(job.status).toBe('pending');
          expect(job.runAt).toBeGreaterThan(clock); // backoff: not before its time
          expect(await runner.tick(clock)).toBe(0);
          clock = job.runAt;
        } else {
          expect(job.status).toBe('failed');
        }
      }
      const [item] = (await bob.caller.inbox.list({})).items;
      expect(item).toMatchObject({ kind: 'mention', emailStatus: 'failed', emailError: expect.stringMatching(/550/) });
    } finally {
      smtp.refuse(false);
      mailer.close();
    }
  });

  it('a job whose runner was killed mid-run is run once by the next runner (after its lease)', async () => {
    const { app, ann, bob, coalitionId, milestoneId, mailer } = await world();
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: milestoneId, body: '@Bob Member once only' });
    // A runner claims the job and dies before sending (the process was killed).
    expect(claimDue(app.db, clock)).toHaveLength(1);
    const next = new JobRunner(app.services);
    expect(await next.tick(clock + 1000)).toBe(0); // still leased to the dead runner
    expect(await next.tick(clock + LEASE_MS + 1)).toBe(1);
    await smtp.waitFor(bob.email, 'mentioned you');
    // Killed after sending but before finishing: the job runs again and sends nothing more.
    app.db.update(jobs).set({ status: 'running', lockedUntil: clock }).run();
    expect(await next.tick(clock + LEASE_MS + 2)).toBe(1);
    expect(mailsTo(bob).filter((m) => m.text.includes('once only'))).toHaveLength(1);
    mailer.close();
  });
});

describe('a job interrupted by a server kill', () => {
  afterEach(stopAll);

  it('runs once after the restart: the mention is delivered exactly once', async () => {
    // The plan is made in-process on a database file, with email on (so the mention's job is queued)…
    const queued: string[] = [];
    const app = createTestApp({ mailer: { enabled: true, send: async (m) => void queued.push(m.subject), close() {} } });
    const ann = await app.signUp('Ann Owner');
    const bob = await app.signUp('Bob Member');
    const { id: coalitionId } = await ann.caller.coalition.create({ name: 'Kill test', goal: 'G', goalDate: '2030-01-01' });
    const { link } = await ann.caller.invitation.create({ coalitionId, email: bob.email, role: 'editor' });
    await bob.caller.invitation.accept({ token: link.split('/invite/')[1]! });
    const m = await ann.caller.milestone.create({ coalitionId, title: 'Vote', dueDate: '2029-12-01' });
    await ann.caller.comment.add({ coalitionId, targetType: 'milestone', targetId: m.id, body: '@Bob Member exactly once please' });
    expect(app.db.select().from(jobs).all().map((j) => [j.kind, j.status])).toContainEqual(['send_email', 'pending']);
    app.db.$client.close();

    // …then the real server runs it against an SMTP server that never answers: killed mid-send.
    const env = { DATABASE_URL: join(app.dir, 'test.db'), SEED: '0', SMTP_URL: smtp.url, APP_SECRET: 'kill-test', JOBS_INTERVAL_MS: '100', JOBS_LEASE_MS: '1500', PUBLIC_URL: 'http://localhost:3000' };
    const hung = smtp.hangNext();
    const first = startServerProcess(env);
    await first.ready;
    await hung;
    first.proc.kill('SIGKILL');
    await first.exited;
    const delivered = () => smtp.inbox.filter((mail) => mail.to.includes(bob.email) && mail.text.includes('exactly once please'));
    expect(delivered()).toHaveLength(0);

    // After the restart the job is taken again once its lease has run out, and sent once.
    const second = startServerProcess(env);
    await second.ready;
    await smtp.waitFor(bob.email, 'mentioned you', 15_000);
    await new Promise((r) => setTimeout(r, 2500)); // more ticks and another lease: nothing more
    expect(delivered()).toHaveLength(1);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const db = openDb(join(app.dir, 'test.db'), { migrate: false });
    const job = db.select().from(jobs).where(eq(jobs.kind, 'send_email')).all().find((j) => j.key.startsWith('email:n:'))!;
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    db.$client.close();
  }, 60_000);
});
