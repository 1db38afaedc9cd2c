import { expect, test } from '@playwright/test';
import { expectAccessible, keepScreenshot, newUser, signUpWithWorldSummit } from './support.ts';

const SCREENS = [
  { name: 'my-coalitions', path: () => '/', heading: /coalitions/i },
  { name: 'dashboard', path: (c: string) => `/c/${c}`, heading: /World Summit/ },
  { name: 'partners', path: (c: string) => `/c/${c}/partners`, heading: 'Partners' },
  { name: 'influence-map', path: (c: string) => `/c/${c}/partners?view=map`, heading: 'Partners' },
  { name: 'tracks', path: (c: string) => `/c/${c}/tracks`, heading: 'Tracks & matrix' },
  { name: 'milestones', path: (c: string) => `/c/${c}/milestones`, heading: 'Milestones' },
  { name: 'timeline', path: (c: string) => `/c/${c}/milestones?view=timeline`, heading: 'Milestones' },
  { name: 'bottlenecks', path: (c: string) => `/c/${c}/bottlenecks`, heading: /Bottlenecks/ },
  { name: 'members', path: (c: string) => `/c/${c}/members`, heading: 'Members' },
  { name: 'settings', path: (c: string) => `/c/${c}/settings`, heading: 'Settings' },
];

test('every main screen renders, has no serious or critical axe violation, and is kept as a screenshot', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const coalitionId = await signUpWithWorldSummit(page, newUser('Axel'));
  for (const screen of SCREENS) {
    await page.goto(screen.path(coalitionId));
    await expect(page.getByRole('heading', { level: 1 }), screen.name).toHaveText(screen.heading);
    await expect(page.getByText(/loading/i)).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    await keepScreenshot(page, testInfo, `desktop-${screen.name}`);
    await expectAccessible(page, screen.name);
  }
});

test('the main screens fit a 375 px wide phone without sideways scrolling of the page', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const coalitionId = await signUpWithWorldSummit(page, newUser('Mo'));
  for (const screen of SCREENS) {
    await page.goto(screen.path(coalitionId));
    await expect(page.getByRole('heading', { level: 1 }), screen.name).toHaveText(screen.heading);
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${screen.name} overflows by ${overflow}px`).toBeLessThanOrEqual(1);
    await keepScreenshot(page, testInfo, `phone-${screen.name}`);
  }
  // The navigation is reachable from a menu on a phone.
  await page.getByRole('button', { name: /menu|navigation/i }).first().click();
  await expect(page.getByRole('link', { name: 'Partners' })).toBeVisible();
});
