/**
 * The background runner: every few seconds it claims due jobs (queue.ts) and runs them.
 *
 *  - `reminders` (daily): an inbox item for each responsible member whose open milestone is due
 *    within REMINDER_DAYS or overdue (once per milestone, due date and kind: `dedupe_key`), and
 *    its email when they want email at once; then plans the next day's run.
 *  - `digest` (daily): one `send_email` digest job per person who chose the daily digest in some
 *    coalition; then plans the next day's run.
 *  - `send_email`: a mention, a reminder or a digest. A mention or reminder already marked sent
 *    is not sent again (a runner killed after sending and before finishing re-runs the job).
 *    A failure is retried with backoff; the last failure marks the inbox item "not delivered".
 */
import { and, eq, gte, inArray, isNotNull, lte, notInArray, gt, desc } from 'drizzle-orm';
import type { Db } from '@coalition/db';
import { activity, coalitions, emailPreferences, memberships, milestones, notifications, users, type Job } from '@coalition/db/schema';
import { activityReadableBy, addDays, daysBetween, todayIn, type EmailMode, type Role } from '@coalition/domain';
import type { AppServices } from '../context.ts';
import { digestEmail, mentionEmail, reminderEmail, unsubscribeUrl, type DigestSection } from '../mail/index.ts';
import { claimDue, complete, enqueue, fail, LEASE_MS } from './queue.ts';

/** Responsible members are reminded this many days before a due date (and once when overdue). */
export const REMINDER_DAYS = 3;
/** Daily jobs run at these UTC hours. */
const REMINDERS_HOUR = 6;
const DIGEST_HOUR = 7;
const DAY = 24 * 60 * 60_000;

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const atHour = (date: string, hour: number) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);

export function emailModeOf(db: Db, userId: string, coalitionId: string): EmailMode {
  const row = db.select({ mode: emailPreferences.mode }).from(emailPreferences).where(and(eq(emailPreferences.userId, userId), eq(emailPreferences.coalitionId, coalitionId))).get();
  return row?.mode ?? 'immediate';
}

export class JobRunner {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  /** `leaseMs`: how long a claimed job is this runner's before another may take it (a runner that died). */
  constructor(
    private readonly services: AppServices,
    private readonly leaseMs = LEASE_MS,
  ) {}

  /** The daily jobs of today (and their successors, which each run plans): safe to call at every start. */
  plan(now = this.services.now()): void {
    const today = utcDate(now);
    enqueue(this.services.db, { kind: 'reminders', key: `reminders:${today}`, payload: { date: today }, runAt: Math.min(now, atHour(today, REMINDERS_HOUR)), now });
    enqueue(this.services.db, { kind: 'digest', key: `digest:${today}`, payload: { date: today }, runAt: atHour(today, DIGEST_HOUR), now });
  }

  /** Runs what is due now; resolves with the number of jobs run. */
  async tick(now = this.services.now()): Promise<number> {
    const due = claimDue(this.services.db, now, 20, this.leaseMs);
    for (const job of due) {
      try {
        await this.run(job, now);
        complete(this.services.db, job.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const final = fail(this.services.db, job, message, now);
        if (final) this.markUndelivered(job, message);
      }
    }
    return due.length;
  }

  start(intervalMs = 10_000): void {
    this.plan();
    const loop = () => {
      if (this.running) return;
      this.running = this.tick()
        .catch((error: unknown) => console.error('job runner', error))
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(loop, intervalMs);
    this.timer.unref();
    loop();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async run(job: Job, now: number): Promise<void> {
    const p = job.payload as Record<string, string | number>;
    if (job.kind === 'reminders') return this.reminders(String(p.date), now);
    if (job.kind === 'digest') return this.planDigests(String(p.date), now);
    if (p.type === 'digest') return this.sendDigest(String(p.userId), String(p.date), now);
    return this.sendForNotification(Number(p.notificationId));
  }

  private link(coalitionId: string, entityType: string, entityId: string) {
    const base = this.services.publicUrl.replace(/\/$/, '');
    return entityType === 'milestone' ? `${base}/c/${coalitionId}/milestones/${entityId}` : `${base}/c/${coalitionId}`;
  }

  /** A mention or a reminder, once. */
  private async sendForNotification(notificationId: number): Promise<void> {
    const { db, mailer, secretKey, publicUrl } = this.services;
    const n = db
      .select({ n: notifications, email: users.email, coalitionName: coalitions.name, data: activity.data, actorId: activity.actorId })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .innerJoin(coalitions, eq(coalitions.id, notifications.coalitionId))
      .leftJoin(activity, eq(activity.id, notifications.activityId))
      .where(eq(notifications.id, notificationId))
      .get();
    if (!n || n.n.emailStatus === 'sent') return; // gone, or already sent by a runner that died before finishing
    const member = db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.coalitionId, n.n.coalitionId), eq(memberships.userId, n.n.userId))).get();
    if (!mailer.enabled || !member || emailModeOf(db, n.n.userId, n.n.coalitionId) !== 'immediate') {
      db.update(notifications).set({ emailStatus: 'none' }).where(eq(notifications.id, notificationId)).run();
      return;
    }
    const unsubscribe = unsubscribeUrl(publicUrl, secretKey, n.n.userId, n.n.coalitionId);
    const link = this.link(n.n.coalitionId, n.n.entityType, n.n.entityId);
    let message;
    if (n.n.kind === 'mention') {
      const actor = n.actorId ? db.select({ name: users.name }).from(users).where(eq(users.id, n.actorId)).get() : undefined;
      const targetLabel = typeof n.data?.targetLabel === 'string' ? n.data.targetLabel : 'a comment';
      message = mentionEmail({ actorName: actor?.name ?? 'Someone', coalitionName: n.coalitionName, targetLabel, excerpt: String(n.data?.excerpt ?? ''), link, unsubscribe });
    } else {
      const m = db.select({ title: milestones.title, dueDate: milestones.dueDate }).from(milestones).where(eq(milestones.id, n.n.entityId)).get();
      if (!m) return;
      const today = todayIn(this.timeZoneOf(n.n.coalitionId), this.services.now());
      const days = Math.abs(daysBetween(today, m.dueDate));
      message = reminderEmail({ coalitionName: n.coalitionName, title: m.title, dueDate: m.dueDate, overdue: n.n.kind === 'overdue', days, link, unsubscribe });
    }
    await mailer.send({ to: n.email, ...message, headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    db.update(notifications).set({ emailStatus: 'sent', emailError: null }).where(eq(notifications.id, notificationId)).run();
  }

  private timeZoneOf(coalitionId: string): string {
    return this.services.db.select({ tz: coalitions.timeZone }).from(coalitions).where(eq(coalitions.id, coalitionId)).get()?.tz ?? 'UTC';
  }

  /** Inbox items (and emails) for responsible members; then tomorrow's run. */
  private async reminders(date: string, now: number): Promise<void> {
    const { db, mailer } = this.services;
    const rows = db
      .select({ id: milestones.id, coalitionId: milestones.coalitionId, userId: milestones.responsibleUserId, dueDate: milestones.dueDate, timeZone: coalitions.timeZone })
      .from(milestones)
      .innerJoin(coalitions, eq(coalitions.id, milestones.coalitionId))
      .innerJoin(memberships, and(eq(memberships.coalitionId, milestones.coalitionId), eq(memberships.userId, milestones.responsibleUserId)))
      .where(and(isNotNull(milestones.responsibleUserId), notInArray(milestones.status, ['done', 'dropped']), lte(milestones.dueDate, addDays(date, REMINDER_DAYS + 1))))
      .all();
    const notified = new Set<string>();
    for (const r of rows) {
      const today = todayIn(r.timeZone, now);
      const days = daysBetween(today, r.dueDate);
      if (days > REMINDER_DAYS) continue;
      const kind = days < 0 ? 'overdue' : 'due_soon';
      const userId = r.userId!;
      const inserted = db
        .insert(notifications)
        .values({ userId, coalitionId: r.coalitionId, kind, entityType: 'milestone', entityId: r.id, createdAt: now, dedupeKey: `${kind}:${r.id}:${r.dueDate}`, emailStatus: mailer.enabled ? 'pending' : 'none' })
        .onConflictDoNothing()
        .returning({ id: notifications.id })
        .get();
      if (!inserted) continue; // already reminded for this due date
      notified.add(userId);
      if (mailer.enabled) enqueue(db, { kind: 'send_email', key: `email:n:${inserted.id}`, payload: { type: 'reminder', notificationId: inserted.id }, runAt: now, now });
    }
    for (const userId of notified) this.services.events.publishInbox(userId);
    const next = addDays(date, 1);
    enqueue(db, { kind: 'reminders', key: `reminders:${next}`, payload: { date: next }, runAt: atHour(next, REMINDERS_HOUR), now });
  }

  /** One digest job per person who chose the daily digest somewhere; then tomorrow's run. */
  private async planDigests(date: string, now: number): Promise<void> {
    const { db, mailer } = this.services;
    if (mailer.enabled) {
      const people = db.selectDistinct({ userId: emailPreferences.userId }).from(emailPreferences).where(eq(emailPreferences.mode, 'digest')).all();
      for (const { userId } of people) enqueue(db, { kind: 'send_email', key: `digest:${userId}:${date}`, payload: { type: 'digest', userId, date }, runAt: now, now });
    }
    const next = addDays(date, 1);
    enqueue(db, { kind: 'digest', key: `digest:${next}`, payload: { date: next }, runAt: atHour(next, DIGEST_HOUR), now });
  }

  /** Per coalition in digest mode: what changed in the last day (what my role may read), due in 7 days, overdue. */
  private async sendDigest(userId: string, date: string, now: number): Promise<void> {
    const { db, mailer, secretKey, publicUrl } = this.services;
    const user = db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
    if (!user) return;
    const mine = db
      .select({ coalitionId: emailPreferences.coalitionId, name: coalitions.name, timeZone: coalitions.timeZone, role: memberships.role })
      .from(emailPreferences)
      .innerJoin(coalitions, eq(coalitions.id, emailPreferences.coalitionId))
      .innerJoin(memberships, and(eq(memberships.coalitionId, emailPreferences.coalitionId), eq(memberships.userId, userId)))
      .where(and(eq(emailPreferences.userId, userId), eq(emailPreferences.mode, 'digest')))
      .all();
    const sections: DigestSection[] = [];
    for (const c of mine) {
      const today = todayIn(c.timeZone, now);
      const changes = db
        .select({ action: activity.action, summary: activity.summary, actor: users.name })
        .from(activity)
        .leftJoin(users, eq(users.id, activity.actorId))
        .where(and(eq(activity.coalitionId, c.coalitionId), gt(activity.createdAt, now - DAY)))
        .orderBy(desc(activity.id))
        .limit(50)
        .all()
        .filter((a) => activityReadableBy(a.action, c.role as Role))
        .slice(0, 20)
        .map((a) => `${a.actor ?? 'Someone'} ${a.summary}`);
      const open = and(eq(milestones.coalitionId, c.coalitionId), notInArray(milestones.status, ['done', 'dropped']));
      const dueSoon = db.select({ title: milestones.title, due: milestones.dueDate }).from(milestones).where(and(open, gte(milestones.dueDate, today), lte(milestones.dueDate, addDays(today, 7)))).orderBy(milestones.dueDate).limit(20).all();
      const overdue = db.select({ title: milestones.title, due: milestones.dueDate }).from(milestones).where(and(open, lte(milestones.dueDate, addDays(today, -1)))).orderBy(milestones.dueDate).limit(20).all();
      if (changes.length + dueSoon.length + overdue.length === 0) continue;
      sections.push({
        coalitionName: c.name,
        changes,
        dueSoon: dueSoon.map((m) => `${m.title} (due ${m.due})`),
        overdue: overdue.map((m) => `${m.title} (was due ${m.due})`),
        link: `${publicUrl.replace(/\/$/, '')}/c/${c.coalitionId}`,
        unsubscribe: unsubscribeUrl(publicUrl, secretKey, userId, c.coalitionId),
      });
    }
    if (sections.length === 0 || !mailer.enabled) return; // nothing to say today
    await mailer.send({ to: user.email, ...digestEmail({ date, sections }) });
  }

  /** The last attempt failed: the inbox item says "not delivered". */
  private markUndelivered(job: Job, message: string): void {
    const id = Number((job.payload as { notificationId?: number }).notificationId);
    if (!id) return;
    this.services.db.update(notifications).set({ emailStatus: 'failed', emailError: message.slice(0, 300) }).where(and(eq(notifications.id, id), inArray(notifications.emailStatus, ['pending', 'none']))).run();
  }
}
