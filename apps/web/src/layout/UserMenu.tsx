import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CalendarDays, LogOut, MonitorX } from 'lucide-react';
import { navigate } from 'wouter/use-browser-location';
import { Menu, MenuContent, MenuItem, MenuLabel, MenuLinkItem, MenuSeparator, MenuTrigger } from '../components/DropdownMenu.tsx';
import { toast } from '../components/Toaster.tsx';
import { useMe } from '../lib/auth.tsx';
import { initials } from '../lib/people.ts';
import { errorMessage } from '../lib/errors.ts';
import { paths } from '../lib/paths.ts';
import { useTRPC } from '../lib/trpc.ts';
import { ThemeMenuItems } from './ThemeMenu.tsx';

export { initials };

export function UserMenu() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const afterSignOut = (message: string) => {
    queryClient.clear();
    navigate('/sign-in', { replace: true });
    toast.success(message);
  };
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSuccess: () => afterSignOut('Signed out') }));
  const signOutAll = useMutation(
    trpc.auth.signOutEverywhere.mutationOptions({ onSuccess: () => afterSignOut('Signed out on every device') }),
  );
  const user = me.data;
  if (!user) return null;
  const fail = (e: unknown) => toast.error(errorMessage(e));
  return (
    <Menu>
      <MenuTrigger>
        <button
          type="button"
          className="inline-flex size-8 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white ring-2 ring-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          <span aria-hidden>{initials(user.name)}</span>
          <span className="sr-only">Account: {user.name}</span>
        </button>
      </MenuTrigger>
      <MenuContent>
        <MenuLabel>
          <span className="block text-sm font-semibold text-slate-900">{user.name}</span>
          <span className="block truncate font-normal">{user.email}</span>
        </MenuLabel>
        <MenuSeparator />
        <MenuLinkItem href={paths.calendarFeed()}>
          <CalendarDays aria-hidden />
          Calendar feed
        </MenuLinkItem>
        <MenuSeparator />
        <ThemeMenuItems />
        <MenuSeparator />
        <MenuItem onSelect={() => signOut.mutate(undefined, { onError: fail })}>
          <LogOut aria-hidden />
          Sign out
        </MenuItem>
        <MenuItem onSelect={() => signOutAll.mutate(undefined, { onError: fail })}>
          <MonitorX aria-hidden />
          Sign out everywhere
        </MenuItem>
      </MenuContent>
    </Menu>
  );
}
