import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { keepScreenshot, newUser, signIn, signUpWithWorldSummit, type E2EUser } from './support.ts';

/** Dark mode: follows the system, a choice in the user menu overrides it (kept across reloads), AA contrast in both. */

type Theme = 'light' | 'dark';

/** The page background of each theme (Tailwind's slate-50 and index.css's dark slate-50). */
const PAGE_BG: Record<Theme, string> = { light: 'rgb(248, 250, 252)', dark: 'rgb(10, 16, 28)' };

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const htmlClasses = (page: Page) => page.evaluate(() => Array.from(document.documentElement.classList).filter((c) => c === 'dark' || c === 'light'));

async function chooseTheme(page: Page, label: 'System' | 'Light' | 'Dark') {
  await page.getByRole('button', { name: /^Account:/ }).click();
  const item = page.getByRole('menuitemradio', { name: label });
  await item.click();
  await expect(item).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
}

test('with the system set to dark the app is dark, before any JavaScript and after, without a choice', async ({ browser }) => {
  test.setTimeout(120_000);
  // No JavaScript at all: the static boot shell follows prefers-color-scheme with CSS alone.
  const noJs = await browser.newContext({ colorScheme: 'dark', javaScriptEnabled: false });
  const still = await noJs.newPage();
  await still.goto('/sign-in');
  await expect(still.locator('.bs')).toBeVisible();
  expect(await still.evaluate(() => getComputedStyle(document.querySelector('.bs')!).backgroundColor)).toBe(PAGE_BG.dark);
  await noJs.close();

  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await signUpWithWorldSummit(page, newUser('Dusk'));
  expect(await htmlClasses(page)).toEqual(['dark']);
  expect(await bodyBackground(page)).toBe(PAGE_BG.dark);
  expect(await page.evaluate(() => localStorage.getItem('theme'))).toBeNull();
  // The menu shows the choice the user has: System.
  await page.getByRole('button', { name: /^Account:/ }).click();
  await expect(page.getByRole('menuitemradio', { name: 'System' })).toHaveAttribute('aria-checked', 'true');
  await context.close();
});

test('the theme toggle switches at once, persists across reloads and is applied before the app code runs', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  const coalitionId = await signUpWithWorldSummit(page, newUser('Toggle'));
  expect(await htmlClasses(page)).toEqual(['light']);
  expect(await bodyBackground(page)).toBe(PAGE_BG.light);

  await chooseTheme(page, 'Dark');
  expect(await htmlClasses(page)).toEqual(['dark']);
  expect(await bodyBackground(page)).toBe(PAGE_BG.dark);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await htmlClasses(page)).toEqual(['dark']);
  expect(await bodyBackground(page)).toBe(PAGE_BG.dark);

  // First paint: with the app's own script held back, the boot shell is already dark (a light
  // shell turning dark would be a white flash).
  const held = await context.newPage();
  await held.route(/\/assets\/index-[^/]*\.js$/, () => {
    /* never answered */
  });
  await held.goto(`/c/${coalitionId}`, { waitUntil: 'commit' });
  await expect(held.locator('.bs')).toBeVisible();
  expect(await htmlClasses(held)).toEqual(['dark']);
  expect(await held.evaluate(() => getComputedStyle(document.querySelector('.bs')!).backgroundColor)).toBe(PAGE_BG.dark);
  await held.close();

  // Another tab follows a choice made here; System goes back to the system's (light) setting.
  const other = await context.newPage();
  await other.goto(`/c/${coalitionId}/milestones`);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Milestones');
  expect(await htmlClasses(other)).toEqual(['dark']);
  await chooseTheme(page, 'System');
  expect(await htmlClasses(page)).toEqual(['light']);
  expect(await page.evaluate(() => localStorage.getItem('theme'))).toBeNull();
  await expect.poll(() => htmlClasses(other)).toEqual(['light']);

  // Light on a dark system stays light.
  await chooseTheme(page, 'Light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await htmlClasses(page)).toEqual(['light']);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await htmlClasses(page)).toEqual(['light']);
  expect(await bodyBackground(page)).toBe(PAGE_BG.light);
  await context.close();
});

interface Screen {
  name: string;
  path: (c: string, milestoneId: string) => string;
  heading?: string | RegExp;
}

const SCREENS: Screen[] = [
  { name: 'dashboard', path: (c) => `/c/${c}`, heading: /World Summit/ },
  { name: 'milestones', path: (c) => `/c/${c}/milestones`, heading: 'Milestones' },
  { name: 'timeline', path: (c) => `/c/${c}/milestones?view=timeline`, heading: 'Milestones' },
  { name: 'milestone-detail', path: (c, m) => `/c/${c}/milestones/${m}` },
  { name: 'partners', path: (c) => `/c/${c}/partners`, heading: 'Partners' },
  { name: 'influence-map', path: (c) => `/c/${c}/partners?view=map`, heading: 'Partners' },
  { name: 'tracks', path: (c) => `/c/${c}/tracks`, heading: 'Tracks & matrix' },
  { name: 'bottlenecks', path: (c) => `/c/${c}/bottlenecks`, heading: /Bottlenecks/ },
  { name: 'activity', path: (c) => `/c/${c}/activity`, heading: 'Activity' },
  { name: 'settings', path: (c) => `/c/${c}/settings`, heading: 'Settings' },
];

async function openScreen(page: Page, path: string, heading?: string | RegExp) {
  await page.goto(path);
  const h1 = page.getByRole('heading', { level: 1 });
  if (heading) await expect(h1).toHaveText(heading);
  else await expect(h1).toBeVisible();
  await expect(page.getByText(/loading/i)).toHaveCount(0);
  // Parts below the fold (the dashboard's momentum chart) load when scrolled near.
  for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function contrastViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${n.target.join(' ')}: ${n.any.map((c) => c.message).join('; ')}`),
  );
}

async function checkTheme(browser: Browser, theme: Theme, user: E2EUser, coalitionId: string, milestoneId: string, testInfo: TestInfo) {
  const problems: string[] = [];
  const context = await browser.newContext({ colorScheme: theme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Signed out: the sign-in screen.
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await page.waitForLoadState('networkidle');
  expect(await htmlClasses(page)).toEqual([theme]);
  problems.push(...(await contrastViolations(page)).map((p) => `[${theme}] sign-in: ${p}`));
  await keepScreenshot(page, testInfo, `${theme}-1280-sign-in`);
  await signIn(page, user);

  for (const s of SCREENS) {
    await openScreen(page, s.path(coalitionId, milestoneId), s.heading);
    expect(await htmlClasses(page), s.name).toEqual([theme]);
    problems.push(...(await contrastViolations(page)).map((p) => `[${theme}] ${s.name}: ${p}`));
    await keepScreenshot(page, testInfo, `${theme}-1280-${s.name}`);
  }
  // The user menu, open (the theme choice lives there).
  await openScreen(page, `/c/${coalitionId}`, /World Summit/);
  await page.getByRole('button', { name: /^Account:/ }).click();
  await expect(page.getByRole('menuitemradio', { name: 'System' })).toHaveAttribute('aria-checked', 'true');
  problems.push(...(await contrastViolations(page)).map((p) => `[${theme}] user menu: ${p}`));
  await page.screenshot({ path: testInfo.outputPath(`${theme}-1280-user-menu.png`) });
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 375, height: 812 });
  for (const s of SCREENS) {
    await openScreen(page, s.path(coalitionId, milestoneId), s.heading);
    await keepScreenshot(page, testInfo, `${theme}-375-${s.name}`);
  }
  await context.close();
  return problems;
}

for (const theme of ['light', 'dark'] as const) {
  test(`no colour-contrast violation on the main screens in the ${theme} theme (screenshots at 1280 and 375 px)`, async ({ browser }, testInfo) => {
    test.setTimeout(600_000);
    const user = newUser(theme === 'dark' ? 'Night' : 'Day');
    const setup = await browser.newPage();
    const coalitionId = await signUpWithWorldSummit(setup, user);
    await setup.goto(`/c/${coalitionId}/milestones`);
    const firstMilestone = setup.locator(`a[href^="/c/${coalitionId}/milestones/"]`).first();
    await expect(firstMilestone).toBeVisible({ timeout: 30_000 });
    const milestoneId = (await firstMilestone.getAttribute('href'))!.split('/').pop()!;
    await setup.close();

    expect(await checkTheme(browser, theme, user, coalitionId, milestoneId, testInfo)).toEqual([]);
  });
}
