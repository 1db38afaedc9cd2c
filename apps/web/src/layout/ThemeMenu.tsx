import { Check, Monitor, Moon, Sun } from 'lucide-react';
import { DropdownMenu as M } from 'radix-ui';
import { MenuLabel } from '../components/DropdownMenu.tsx';
import { THEME_CHOICES, type ThemeChoice } from '../lib/theme.ts';
import { setThemeChoice, useThemeChoice } from '../lib/themeStore.ts';

const LABEL: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const ICON = { system: Monitor, light: Sun, dark: Moon } as const;

/** The theme choice inside the user menu: three radio items (System follows the device's setting). */
export function ThemeMenuItems() {
  const choice = useThemeChoice();
  return (
    <>
      <MenuLabel>Theme</MenuLabel>
      <M.RadioGroup value={choice} onValueChange={(v) => setThemeChoice(v as ThemeChoice)}>
        {THEME_CHOICES.map((c) => {
          const Icon = ICON[c];
          return (
            <M.RadioItem
              key={c}
              value={c}
              // Keep the menu open: the change shows at once, and the user may try the others.
              onSelect={(e) => e.preventDefault()}
              className="flex cursor-default select-none items-center gap-2 rounded-md px-2 py-1.5 text-slate-800 outline-none data-[highlighted]:bg-slate-100 [&>svg]:size-4 [&>svg]:text-slate-500"
            >
              <Icon aria-hidden />
              <span className="flex-1">{LABEL[c]}</span>
              <M.ItemIndicator>
                <Check aria-hidden className="size-4 text-indigo-600" />
              </M.ItemIndicator>
            </M.RadioItem>
          );
        })}
      </M.RadioGroup>
    </>
  );
}
