import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot, newUser, signUpWithWorldSummit, trpc } from './support.ts';

/**
 * The public page: an owner publishes it in Settings, a signed-out visitor opens the link and
 * sees the goal, the countdown, the tracks and the milestones — and no member or contact; the
 * owner revokes it and the link shows "not available".
 */
const SHOTS = '.tmp/shots-public';

async function shoot(page: Page, name: string, widths: number[] = [1280, 375], target?: () => ReturnType<Page['locator']>) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      // Let the chart's ResponsiveContainer settle at the new width.
      await page.waitForTimeout(300);
      const path = `${SHOTS}/${name}-${width}-${scheme}.png`;
      if (target) await target().screenshot({ path });
      else await page.screenshot({ path, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('an owner publishes the public page, a signed-out visitor sees the progress and nothing private, then the owner revokes it', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  const owner = await ownerContext.newPage();
  const user = newUser('Pia');
  const coalitionId = await signUpWithWorldSummit(owner, user);
  // Something private to look for: a comment on the coalition's first milestone.
  const list = await trpc<{ result: { data: { items: { id: string }[] } } }>(owner, 'milestone.list', { coalitionId }, 'query');
  const milestoneId = list.body.result.data.items[0]!.id;
  expect((await trpc(owner, 'comment.add', { coalitionId, targetType: 'milestone', targetId: milestoneId, body: 'Private note: the host is wavering' })).status).toBe(200);

  await owner.goto(`/c/${coalitionId}/settings`);
  const card = owner.locator('section', { has: owner.getByRole('heading', { name: 'Public page', exact: true }) });
  await expect(card.getByText('Not published')).toBeVisible();
  await expect(card.getByText('What it never shows')).toBeVisible();
  await card.getByRole('button', { name: 'Publish the page' }).click();
  const linkField = card.getByRole('textbox', { name: 'Public page link' });
  await expect(linkField).toBeVisible();
  const url = await linkField.inputValue();
  expect(url).toMatch(/\/p\/[a-z2-7]{32}$/);
  await card.getByRole('button', { name: 'Copy link' }).click();
  await expect(card.getByRole('button', { name: 'Copied' })).toBeVisible();
  await expect(card.getByRole('link', { name: /Open/ })).toHaveAttribute('href', url);
  await expect(card.getByText(/^Published .* by Pia Tester\.$/)).toBeVisible();
  await expectAccessible(owner, 'settings with the public page card');
  await expect(owner.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 });
  await shoot(owner, 'settings-card', [1280, 375], () => card);
  // Back later: published, since when and by whom, but the link is not shown again.
  await owner.reload();
  await expect(card.getByText(/The link was shown once/)).toBeVisible();
  await expect(card.getByRole('textbox', { name: 'Public page link' })).toHaveCount(0);
  await shoot(owner, 'settings-card-later', [1280, 375], () => card);

  // A fresh browser, signed out.
  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const visitor = await visitorContext.newPage();
  const response = await visitor.goto(new URL(url).pathname);
  expect(response!.headers()['x-robots-tag']).toMatch(/noindex/);
  await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible();
  const goal = await visitor.getByRole('heading', { level: 1 }).textContent();
  expect(goal?.length).toBeGreaterThan(5);
  await expect(visitor.getByText(/days to go|days since the goal date|Today is the day/)).toBeVisible();
  await expect(visitor.getByRole('progressbar', { name: 'Overall progress' })).toBeVisible();
  const tracks = visitor.locator('section', { has: visitor.getByRole('heading', { name: 'Progress by track' }) });
  expect(await tracks.getByRole('progressbar').count()).toBeGreaterThan(1);
  await expect(visitor.getByRole('list', { name: 'Milestones reached' }).getByRole('listitem').first()).toBeVisible();
  await expect(visitor.getByRole('list', { name: 'Next milestones' }).getByRole('listitem').first()).toBeVisible();
  await expect(visitor.getByRole('heading', { name: 'Momentum' })).toBeVisible();
  await expect(visitor.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  // Nothing private: no member, no contact, no comment, no way into the app's screens.
  const text = await visitor.locator('body').innerText();
  for (const secret of [user.name, user.email, 'Just Security programme', 'Private note', 'Sign out']) expect(text).not.toContain(secret);
  await expect(visitor.getByRole('navigation')).toHaveCount(0);
  await expectAccessible(visitor, 'public page');
  await visitor.getByRole('heading', { name: 'Momentum' }).scrollIntoViewIfNeeded();
  await expect(visitor.locator('.recharts-surface').first()).toBeVisible();
  await keepScreenshot(visitor, testInfo, 'public-page');
  await shoot(visitor, 'public-page');

  // The owner revokes: the link now shows "not available".
  await card.getByRole('button', { name: 'Revoke link…' }).click();
  await owner.getByRole('dialog').getByRole('button', { name: 'Revoke link' }).click();
  await expect(card.getByText('Not published')).toBeVisible();
  await expect(owner.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 });
  await shoot(owner, 'settings-card-off', [375], () => card);
  await visitor.reload();
  await expect(visitor.getByRole('heading', { name: 'This page is not available' })).toBeVisible();
  await expect(visitor.getByText(goal!)).toHaveCount(0);
  await shoot(visitor, 'public-not-found');

  // An unknown link looks exactly the same.
  await visitor.goto('/p/abcdefghijklmnopqrstuvwxyz234567');
  await expect(visitor.getByRole('heading', { name: 'This page is not available' })).toBeVisible();
  await ownerContext.close();
  await visitorContext.close();
});

/**
 * The panels the server fills once an owner marks partners' positions public and support growth
 * is counted (neither can be set up from the browser yet): the page's own answer, with partners
 * and a support series added in the browser, to check their layout and accessibility.
 */
test('public partners and support growth are laid out on phone and desktop', async ({ browser }) => {
  test.setTimeout(120_000);
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const coalitionId = await signUpWithWorldSummit(owner, newUser('Lena'));
  const published = await trpc<{ result: { data: { url: string } } }>(owner, 'publicPage.publish', { coalitionId });
  const url = published.body.result.data.url;

  const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const visitor = await visitorContext.newPage();
  await visitor.route('**/trpc/publicPage.view**', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const data = (Array.isArray(body) ? body[0] : body).result.data;
    data.partners = [
      { name: 'Norway', kind: 'state', country: 'Norway', position: 'champion' },
      { name: 'Stimson Center', kind: 'civil_society', country: 'United States', position: 'supportive' },
      { name: 'Global Governance Forum', kind: 'civil_society', country: 'Sweden', position: 'neutral' },
      { name: 'A sceptical ministry with a long name', kind: 'state', country: '', position: 'sceptical' },
    ];
    data.supportGrowth = [
      { week: '2026-11-23', state: 3, nonState: 5 },
      { week: '2026-11-30', state: 4, nonState: 6 },
    ];
    await route.fulfill({ response, json: body });
  });
  await visitor.goto(new URL(url).pathname);
  const partners = visitor.getByRole('list', { name: 'Partners' });
  await expect(partners.getByRole('listitem')).toHaveCount(4);
  // Champions first.
  await expect(partners.getByRole('listitem').first()).toContainText('Norway');
  await expect(partners.getByRole('listitem').first()).toContainText('Champion');
  await expect(visitor.getByText(/4 states and 6 non-state partners support/)).toBeVisible();
  await expectAccessible(visitor, 'public page with partners');
  await shoot(visitor, 'public-partners');
  // Printed: light, the hero keeps its colours, panels are not split across pages.
  await visitor.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await visitor.screenshot({ path: `${SHOTS}/public-print.png`, fullPage: true });
  await visitor.emulateMedia({ media: 'screen', colorScheme: 'light' });
  await ownerContext.close();
  await visitorContext.close();
});
