/**
 * One error type for everything the services refuse, and the one place it becomes a tRPC
 * error (`toTRPCError`, applied to every procedure by the builders in trpc.ts). Services and
 * domain code never construct tRPC errors themselves.
 */
import { TRPCError } from '@trpc/server';

export type AppErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

/**
 * A refusal the client answers with its own dialog rather than a message (sent as
 * `error.data.problem`, with what the dialog shows as `error.data.problemInfo`):
 * SLIP_REASON_REQUIRED — a due date would move past its baseline: ask why, then retry with `slipReason`.
 */
export type AppProblem = 'SLIP_REASON_REQUIRED';

export class AppError extends Error {
  override readonly name = 'AppError';
  /** The input field the problem is about (shown beside that field by the client). */
  readonly field?: string;
  /** For CONFLICT: what was changed, and the record as it is now on the server. */
  readonly entity?: string;
  readonly current?: Record<string, unknown>;
  /** A refusal the client recognises (and what it needs to answer it). */
  readonly problem?: AppProblem;
  readonly problemInfo?: Record<string, unknown>;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    details: { field?: string; entity?: string; current?: Record<string, unknown>; problem?: AppProblem; problemInfo?: Record<string, unknown> } = {},
  ) {
    super(message);
    if (details.field !== undefined) this.field = details.field;
    if (details.entity !== undefined) this.entity = details.entity;
    if (details.current !== undefined) this.current = details.current;
    if (details.problem !== undefined) this.problem = details.problem;
    if (details.problemInfo !== undefined) this.problemInfo = details.problemInfo;
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

/** The recognisable refusal an error carries (`problem` and its info), for the client. */
export function problemOf(cause: unknown): { problem?: AppProblem; problemInfo?: Record<string, unknown> } {
  return cause instanceof AppError && cause.problem ? { problem: cause.problem, problemInfo: cause.problemInfo ?? {} } : {};
}
