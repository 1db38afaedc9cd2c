/**
 * One error type for everything the services refuse, and the one place it becomes a tRPC
 * error (`toTRPCError`, applied to every procedure by the builders in trpc.ts). Services and
 * domain code never construct tRPC errors themselves.
 */
import { TRPCError } from '@trpc/server';

export type AppErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

export class AppError extends Error {
  override readonly name = 'AppError';
  /** The input field the problem is about (shown beside that field by the client). */
  readonly field?: string;
  /** For CONFLICT: what was changed, and the record as it is now on the server. */
  readonly entity?: string;
  readonly current?: Record<string, unknown>;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    details: { field?: string; entity?: string; current?: Record<string, unknown> } = {},
  ) {
    super(message);
    if (details.field !== undefined) this.field = details.field;
    if (details.entity !== undefined) this.entity = details.entity;
    if (details.current !== undefined) this.current = details.current;
  }
}

/** The tRPC error for an AppError: same code and message, the AppError kept as its cause. */
export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: error.code, message: error.message, cause: error });
}

export const notFound = (entity: string) => new AppError('NOT_FOUND', `${entity} not found in this coalition`);

export const conflict = (entity: string, current: Record<string, unknown>) =>
  new AppError(
    'CONFLICT',
    `This ${entity.toLowerCase()} was changed by someone else since you opened it (now version ${String(current.version)}). Review their change and apply yours again.`,
    { entity, current },
  );

/** A BAD_REQUEST about one input field. */
export const fieldError = (field: string, message: string) => new AppError('BAD_REQUEST', message, { field });
export const badRequest = (message: string) => new AppError('BAD_REQUEST', message);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const unauthorized = (message: string) => new AppError('UNAUTHORIZED', message);
export const tooManyRequests = (message = 'Too many attempts. Wait a minute and try again.') => new AppError('TOO_MANY_REQUESTS', message);

/** `{ field: [messages] }` for a validation error (a ZodError or an AppError naming a field); undefined otherwise. */
export function fieldErrorsOf(cause: unknown): Record<string, string[]> | undefined {
  if (cause instanceof AppError) return cause.field !== undefined ? { [cause.field]: [cause.message] } : undefined;
  if (cause && typeof cause === 'object' && 'issues' in cause && Array.isArray((cause as { issues: unknown }).issues)) {
    const out: Record<string, string[]> = {};
    for (const issue of (cause as { issues: { path: PropertyKey[]; message: string }[] }).issues) {
      const key = issue.path.length ? issue.path.map(String).join('.') : '_';
      (out[key] ??= []).push(issue.message);
    }
    return out;
  }
  return undefined;
}

/** The conflict a CONFLICT error carries, for the client's conflict dialog. */
export function conflictOf(cause: unknown): { entity: string; current: Record<string, unknown> } | undefined {
  return cause instanceof AppError && cause.code === 'CONFLICT' && cause.entity && cause.current
    ? { entity: cause.entity, current: cause.current }
    : undefined;
}
