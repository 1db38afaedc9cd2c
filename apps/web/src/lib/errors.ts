/** Reading tRPC errors the way the server shapes them (see packages/api/src/trpc.ts errorFormatter). */
import { TRPCClientError } from '@trpc/client';

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | (string & {});

export interface ServerErrorData {
  code?: ErrorCode;
  httpStatus?: number;
  path?: string;
  fieldErrors?: Record<string, string[]>;
  conflict?: { entity: string; current: Record<string, unknown> & { version: number } };
  /** A refusal this app answers with its own dialog (e.g. 'SLIP_REASON_REQUIRED'), and what that dialog shows. */
  problem?: string;
  problemInfo?: Record<string, unknown>;
}

export function errorData(error: unknown): ServerErrorData | undefined {
  if (error instanceof TRPCClientError) return (error.data ?? undefined) as ServerErrorData | undefined;
  return undefined;
}

export function errorCode(error: unknown): ErrorCode | undefined {
  return errorData(error)?.code;
}

export function httpStatus(error: unknown): number | undefined {
  return errorData(error)?.httpStatus;
}

export const isUnauthorized = (e: unknown) => errorCode(e) === 'UNAUTHORIZED';
/** UNAUTHORIZED from sign-in/up means wrong credentials; anywhere else the session is gone. */
export const isSessionExpired = (e: unknown) => isUnauthorized(e) && !/^auth\.sign(In|Up)/.test(errorData(e)?.path ?? '');
export const isConflict = (e: unknown) => errorCode(e) === 'CONFLICT' && !!errorData(e)?.conflict;
/** True for network failures (no response from the server). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TRPCClientError && !error.data && /fetch|network|Failed/i.test(error.message);
}

/** One sentence a person can act on, for a toast or an inline alert. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Try again.'): string {
  if (!error) return fallback;
  const code = errorCode(error);
  if (isNetworkError(error)) return 'Cannot reach the server. Check your connection and try again.';
  if (isSessionExpired(error)) return 'Your session expired. Sign in again to continue.';
  if (code === 'TOO_MANY_REQUESTS') return (error as Error).message || 'Too many attempts. Wait a minute and try again.';
  if (code === 'INTERNAL_SERVER_ERROR') return 'The server had a problem. Try again in a moment.';
  if (error instanceof Error && error.message) {
    // Zod messages arrive as "field: message" lines when not mapped to a field.
    return error.message;
  }
  return fallback;
}
