import { Activity, AlertOctagon, FileText, Flag, Handshake, LayoutDashboard, Settings, Table2, UsersRound, type LucideIcon } from 'lucide-react';
import { paths } from '../lib/paths.ts';

export interface NavItem {
  label: string;
  href: (coalitionId: string) => string;
  icon: LucideIcon;
  exact?: boolean;
}

export const NAV: NavItem[] = [
  { label: 'Dashboard', href: paths.dashboard, icon: LayoutDashboard, exact: true },
  { label: 'Partners', href: paths.partners, icon: Handshake },
  { label: 'Tracks & matrix', href: paths.tracks, icon: Table2 },
  { label: 'Milestones', href: paths.milestones, icon: Flag },
  { label: 'Bottlenecks', href: paths.bottlenecks, icon: AlertOctagon },
  { label: 'Activity', href: paths.activity, icon: Activity },
  { label: 'Meeting brief', href: paths.brief, icon: FileText },
  { label: 'Members', href: paths.members, icon: UsersRound },
  { label: 'Settings', href: paths.settings, icon: Settings },
];

export function isActive(item: NavItem, coalitionId: string, location: string): boolean {
  const href = item.href(coalitionId);
  return item.exact ? location === href || location === `${href}/` : location === href || location.startsWith(`${href}/`);
}
