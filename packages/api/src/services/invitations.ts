/** Single-use invitation links: created by an owner, bound to the invited email, valid 7 days, revocable. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { generateSessionToken, hashToken } from '@coalition/auth';
import { newId, type DbOrTx } from '@coalition/db';
import { coalitions, emailSuppressions, invitations, memberships, users, type Invitation } from '@coalition/db/schema';
import { higherRole, INVITATION_TTL_MS, invitationStatus, type Role } from '@coalition/domain';
import { commitChange } from '../change.ts';
import { addressUnsubscribeUrl, invitationEmail } from '../mail/index.ts';
import { AppError, badRequest, forbidden, notFound } from '../errors.ts';
import type { CoalitionContext, UserContext } from '../trpc.ts';
import type { Context } from '../context.ts';

function findByToken(db: DbOrTx, token: string) {
  return db
    .select({ invitation: invitations, coalitionName: coalitions.name, goal: coalitions.goal })
    .from(invitations)
    .innerJoin(coalitions, eq(coalitions.id, invitations.coalitionId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .get() as { invitation: Invitation; coalitionName: string; goal: string } | undefined;
}

const publicView = (inv: Invitation, now: number) => ({
  id: inv.id,
  email: inv.email,
  role: inv.role,
  status: invitationStatus(inv, now),
  expiresAt: inv.expiresAt,
  createdAt: inv.createdAt,
  acceptedAt: inv.acceptedAt,
  revokedAt: inv.revokedAt,
});

const STATUS_MESSAGES = {
  used: 'This invitation link has already been used.',
  expired: 'This invitation link has expired. Ask the coalition owner for a new one.',
  revoked: 'This invitation was revoked by the coalition owner.',
} as const;

/**
 * Creates a single-use link valid for 7 days; the token is shown once, only its hash is kept.
 * With email configured the link is also sent to the invited address (after the commit: a
 * failed send leaves the invitation, whose link the owner can still copy, and says why).
 */
export async function create(ctx: CoalitionContext, email: string, role: Role) {
  const token = generateSessionToken();
  const invitation = commitChange(ctx, (tx, log, now) => {
    const row = tx
      .insert(invitations)
      .values({
        id: newId(),
        coalitionId: ctx.coalitionId,
        email,
        role,
        tokenHash: hashToken(token),
        expiresAt: now + INVITATION_TTL_MS,
        invitedBy: ctx.user.id,
        createdAt: now,
      })
      .returning()
      .get();
    log({ event: { action: 'invitation.created', email, role }, entityType: 'invitation', entityId: row.id, data: { email, role } });
    return row;
  });
  const link = `${ctx.publicUrl.replace(/\/$/, '')}/invite/${token}`;
  const sent = await sendInvitation(ctx, invitation, link);
  return { invitation: publicView(invitation, ctx.now()), link, ...sent };
}

/** `emailed`: the SMTP server accepted the message; otherwise `emailError` says why not (none configured, or the server's refusal). */
async function sendInvitation(ctx: CoalitionContext, invitation: Invitation, link: string): Promise<{ emailed: boolean; emailError: string | null }> {
  if (!ctx.mailer.enabled) return { emailed: false, emailError: 'Email is not set up on this server: copy the link and send it yourself.' };
  const suppressed = ctx.db.select({ email: emailSuppressions.email }).from(emailSuppressions).where(eq(emailSuppressions.email, invitation.email.toLowerCase())).get();
  if (suppressed) return { emailed: false, emailError: 'This address asked not to be sent invitations by email: copy the link and send it yourself.' };
  const unsubscribe = addressUnsubscribeUrl(ctx.publicUrl, ctx.secretKey, invitation.email);
  const coalition = ctx.db.select({ name: coalitions.name, goal: coalitions.goal }).from(coalitions).where(eq(coalitions.id, ctx.coalitionId)).get()!;
  const message = invitationEmail({
    inviterName: ctx.user.name,
    coalitionName: coalition.name,
    goal: coalition.goal,
    role: invitation.role,
    link,
    expiresAt: invitation.expiresAt,
    timeZone: ctx.timeZone,
    unsubscribe,
  });
  try {
    await ctx.mailer.send({ to: invitation.email, ...message, headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    return { emailed: true, emailError: null };
  } catch (error) {
    console.error('invitation email not sent', error);
    return { emailed: false, emailError: 'The email could not be sent (the mail server refused it): copy the link and send it yourself.' };
  }
}

/** Invitations of this coalition, newest first, with their status. */
export function list(ctx: CoalitionContext) {
  const now = ctx.now();
  return ctx.db
    .select({ invitation: invitations, invitedByName: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.coalitionId, ctx.coalitionId))
    .orderBy(desc(invitations.createdAt))
    .limit(200)
    .all()
    .map((r) => ({ ...publicView(r.invitation, now), invitedByName: r.invitedByName }));
}

export function revoke(ctx: CoalitionContext, invitationId: string) {
  return commitChange(ctx, (tx, log, now) => {
    const inv = tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.coalitionId, ctx.coalitionId)))
      .get();
    if (!inv) throw notFound('Invitation');
    const status = invitationStatus(inv, now);
    if (status !== 'pending') throw badRequest(`Only a pending invitation can be revoked; this one is ${status}.`);
    tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, inv.id)).run();
    log({ event: { action: 'invitation.revoked', email: inv.email }, entityType: 'invitation', entityId: inv.id });
    return { ok: true as const };
  });
}

/** What an invitation link is for, before signing in (no secret data beyond the coalition's name). */
export function preview(ctx: Context, token: string) {
  const found = findByToken(ctx.db, token);
  if (!found) return { status: 'invalid' as const, message: 'This invitation link is not valid.' };
  const status = invitationStatus(found.invitation, ctx.now());
  return {
    status,
    message: status === 'pending' ? null : STATUS_MESSAGES[status],
    coalitionName: found.coalitionName,
    goal: found.goal,
    email: found.invitation.email,
    role: found.invitation.role,
  };
}

/** Joins the coalition with the invited role. The link is single-use and bound to the invited email. */
export function accept(ctx: UserContext, token: string) {
  const found = findByToken(ctx.db, token);
  if (!found) throw new AppError('NOT_FOUND', 'This invitation link is not valid.');
  const inv = found.invitation;
  const result = commitChange({ ...ctx, coalitionId: inv.coalitionId }, (tx, log, now) => {
    // Re-read inside the transaction: two tabs accepting at once cannot both succeed.
    const fresh = tx.select().from(invitations).where(eq(invitations.id, inv.id)).get()!;
    const status = invitationStatus(fresh, now);
    if (status !== 'pending') throw badRequest(STATUS_MESSAGES[status]);
    if (fresh.email.toLowerCase() !== ctx.user.email.toLowerCase()) {
      throw forbidden(`This invitation is for ${fresh.email}. Sign in with that email to accept it.`);
    }
    const existing = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.coalitionId, inv.coalitionId), eq(memberships.userId, ctx.user.id)))
      .get();
    const role = existing ? higherRole(existing.role, fresh.role) : fresh.role;
    if (!existing) {
      tx.insert(memberships).values({ coalitionId: inv.coalitionId, userId: ctx.user.id, role, createdAt: now }).run();
    } else if (role !== existing.role) {
      tx.update(memberships)
        .set({ role })
        .where(and(eq(memberships.coalitionId, inv.coalitionId), eq(memberships.userId, ctx.user.id)))
        .run();
    }
    const used = tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: ctx.user.id })
      .where(and(eq(invitations.id, inv.id), sql`${invitations.acceptedAt} IS NULL`))
      .run();
    if (used.changes !== 1) throw badRequest(STATUS_MESSAGES.used);
    log({ event: { action: 'member.joined', role }, entityType: 'member', entityId: ctx.user.id, data: { role, invitationId: inv.id } });
    return { coalitionId: inv.coalitionId, role };
  });
  ctx.events.publishAccess({ coalitionId: result.coalitionId, userId: ctx.user.id, role: result.role });
  return result;
}
