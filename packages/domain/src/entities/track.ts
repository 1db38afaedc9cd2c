/** Track fields: router inputs and the track form. */
import { z } from 'zod';
import { ASSIGNMENT_ROLES, TRACK_STATUSES } from '../enums.ts';
import { zColor, zId, zName, zText, zVersion } from '../validators.ts';

export const trackFields = {
  name: zName(200),
  objective: zText(2000),
  color: zColor,
  status: z.enum(TRACK_STATUSES, { error: 'Choose a status' }),
};

export const zTrack = z.object(trackFields);
export type TrackFields = z.output<typeof zTrack>;

export const zTrackCreate = z.object({
  name: trackFields.name,
  objective: trackFields.objective.default(''),
  /** Left out: the next colour of the palette. */
  color: trackFields.color.optional(),
  status: trackFields.status.default('active'),
});

export const zTrackUpdate = zTrack.partial().extend({ trackId: zId, version: zVersion });

export const MAX_TRACKS = 100;
export const zTrackOrder = z.object({ trackIds: z.array(zId).max(MAX_TRACKS, `At most ${MAX_TRACKS} tracks`) });

export const zAssignmentPair = z.object({ partnerId: zId, trackId: zId });
export const zAssignmentSet = zAssignmentPair.extend({ role: z.enum(ASSIGNMENT_ROLES) });
