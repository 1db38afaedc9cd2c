/** Accounts, members, invitations and comments: router inputs and their forms. */
import { z } from 'zod';
import { COMMENT_TARGETS, ROLES } from '../enums.ts';
import { PASSWORD_MAX, zEmail, zId, zLimit, zName, zPassword, zPolicyText, zSearch, zVersion } from '../validators.ts';

export const zSignUp = z.object({ name: zName(100), email: zEmail, password: zPassword });
export const zSignIn = z.object({ email: zEmail, password: z.string().min(1, 'Enter your password').max(PASSWORD_MAX) });

export const zRole = z.enum(ROLES, { error: 'Choose a role' });
export const zInvitationCreate = z.object({ email: zEmail, role: zRole });
export const zMemberRole = z.object({ userId: zId, role: zRole });

export const COMMENT_MAX = 10000;
/** Multi-line, 1 to COMMENT_MAX characters (code points, as the database counts them). */
export const zCommentBody = zPolicyText(COMMENT_MAX, { multiline: true, required: 'Write something first' });
export const zCommentTarget = z.object({ targetType: z.enum(COMMENT_TARGETS), targetId: zId });
export const zCommentAdd = zCommentTarget.extend({ body: zCommentBody });
export const zCommentEdit = z.object({ commentId: zId, version: zVersion, body: zCommentBody });

const zEntityType = zSearch(40).min(1);
const zEntityId = zSearch(100).min(1);

/** activity.list's keyset page (`cursor`: the id of the last row seen) and filters. */
export const zActivityListQuery = z.object({
  cursor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: zLimit(50, 200),
  actorId: zId.optional(),
  entityType: zEntityType.optional(),
  trackId: zId.optional(),
  entity: z.object({ type: zEntityType, id: zEntityId }).optional(),
});
export type ActivityListQuery = z.output<typeof zActivityListQuery>;
