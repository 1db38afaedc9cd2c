import { activityRouter } from './routers/activity.ts';
import { assignmentRouter } from './routers/assignment.ts';
import { authRouter } from './routers/auth.ts';
import { baselineRouter } from './routers/baseline.ts';
import { bottleneckRouter } from './routers/bottleneck.ts';
import { calendarRouter } from './routers/calendar.ts';
import { inboxRouter } from './routers/inbox.ts';
import { interactionRouter } from './routers/interaction.ts';
import { mailRouter } from './routers/mail.ts';
import { coalitionRouter } from './routers/coalition.ts';
import { commentRouter } from './routers/comment.ts';
import { forecastRouter } from './routers/forecast.ts';
import { invitationRouter } from './routers/invitation.ts';
import { liveRouter } from './routers/live.ts';
import { memberRouter } from './routers/member.ts';
import { milestoneRouter } from './routers/milestone.ts';
import { partnerRouter } from './routers/partner.ts';
import { publicPageRouter } from './routers/publicPage.ts';
import { positionRouter } from './routers/position.ts';
import { searchRouter } from './routers/search.ts';
import { thresholdRouter } from './routers/threshold.ts';
import { trackRouter } from './routers/track.ts';
import { transferRouter } from './routers/transfer.ts';
import { undoRouter } from './routers/undo.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  coalition: coalitionRouter,
  member: memberRouter,
  invitation: invitationRouter,
  partner: partnerRouter,
  track: trackRouter,
  assignment: assignmentRouter,
  milestone: milestoneRouter,
  bottleneck: bottleneckRouter,
  comment: commentRouter,
  activity: activityRouter,
  live: liveRouter,
  transfer: transferRouter,
  calendar: calendarRouter,
  inbox: inboxRouter,
  mail: mailRouter,
  interaction: interactionRouter,
  position: positionRouter,
  undo: undoRouter,
  search: searchRouter,
  publicPage: publicPageRouter,
  baseline: baselineRouter,
  forecast: forecastRouter,
  threshold: thresholdRouter,
});

export type AppRouter = typeof appRouter;
