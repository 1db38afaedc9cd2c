/**
 * Radix Select values cannot be '': these stand for "coalition-wide", "no owner" and "nobody responsible". Kept apart
 * from form.ts so the list and its filters can name them without loading the form's schema (zod).
 */
export const NO_TRACK = 'coalition';
export const NO_OWNER = 'none';
export const NO_RESPONSIBLE = 'nobody';
/** Not reached by a count of acts (the threshold section's "act that counts"). */
export const NO_THRESHOLD = 'no_threshold';
