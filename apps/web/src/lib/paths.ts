/** Every in-app URL, built in one place. */
import type { ActivityTarget } from '@coalition/domain';

export const paths = {
  home: () => '/',
  newCoalition: () => '/new',
  calendarFeed: () => '/calendar-feed',
  inbox: () => '/inbox',
  signIn: () => '/sign-in',
  signUp: () => '/sign-up',
  dashboard: (c: string) => `/c/${c}`,
  brief: (c: string) => `/c/${c}/brief`,
  partners: (c: string) => `/c/${c}/partners`,
  partner: (c: string, partnerId: string) => `/c/${c}/partners?partner=${encodeURIComponent(partnerId)}`,
  tracks: (c: string) => `/c/${c}/tracks`,
  /** The tracks screen, scrolled to this track (its row's id is `track-<id>`). */
  track: (c: string, trackId: string) => `/c/${c}/tracks#track-${encodeURIComponent(trackId)}`,
  milestones: (c: string) => `/c/${c}/milestones`,
  milestone: (c: string, milestoneId: string) => `/c/${c}/milestones/${milestoneId}`,
  /** The slips list: what moved past a baseline, by how much and why. */
  slips: (c: string) => `/c/${c}/milestones?view=slips`,
  bottlenecks: (c: string) => `/c/${c}/bottlenecks`,
  activity: (c: string) => `/c/${c}/activity`,
  members: (c: string) => `/c/${c}/members`,
  settings: (c: string) => `/c/${c}/settings`,
};

/** The URL of a screen the domain names (e.g. where an activity row's item lives). */
export function pathOf(coalitionId: string, target: ActivityTarget): string {
  switch (target.screen) {
    case 'milestone':
      return paths.milestone(coalitionId, target.id);
    case 'partner':
      return paths.partner(coalitionId, target.id);
    default:
      return paths[target.screen](coalitionId);
  }
}
