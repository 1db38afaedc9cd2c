/** Client-side mirrors of the server's validators (packages/api/src/validators.ts), same messages. */
import { z } from 'zod';

export const zName = (max = 200) => z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);
export const zText = (max = 5000) => z.string().trim().max(max, `At most ${max} characters`);
export const zEmail = z.string().trim().toLowerCase().max(254, 'At most 254 characters').pipe(z.email('Not a valid email address'));
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const zPassword = z.string().min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters`);

const isRealDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
/** 'YYYY-MM-DD', a real calendar date (what <input type="date"> gives). */
export const zDate = z.string().refine(isRealDate, 'Enter a valid date');
/** An optional date: '' becomes undefined. */
export const zOptionalDate = z
  .string()
  .optional()
  .transform((s) => (s ? s : undefined))
  .refine((s) => s === undefined || isRealDate(s), 'Enter a valid date');
export const zColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d4ed8');
