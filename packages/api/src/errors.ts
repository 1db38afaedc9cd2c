import { TRPCError } from '@trpc/server';

/** Carried as the cause of a CONFLICT error: the record as it is now on the server. */
export class ConflictCause extends Error {
  constructor(
    readonly entity: string,
    readonly current: Record<string, unknown>,
  ) {
    super(`${entity} was changed by someone else`);
  }
}

export function notFound(entity: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${entity} not found in this coalition` });
}

export function conflict(entity: string, current: Record<string, unknown>): TRPCError {
  return new TRPCError({
    code: 'CONFLICT',
    message: `This ${entity.toLowerCase()} was changed by someone else since you opened it (now version ${String(current.version)}). Review their change and apply yours again.`,
    cause: new ConflictCause(entity, current),
  });
}

export function badRequest(message: string, field?: string): TRPCError {
  const err = new TRPCError({ code: 'BAD_REQUEST', message });
  if (field) (err as TRPCError & { field?: string }).field = field;
  return err;
}

/** A BAD_REQUEST that names the field it concerns, shown beside that field by the client. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function fieldError(field: string, message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message, cause: new FieldError(field, message) });
}

/** `{ field: [messages] }` for a validation error (a ZodError or a FieldError); undefined otherwise. */
export function fieldErrorsOf(cause: unknown): Record<string, string[]> | undefined {
  if (cause instanceof FieldError) return { [cause.field]: [cause.message] };
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
