/**
 * Issue 11, rough edges a newcomer hit: the first click on the sign-in/sign-up switch link, adding
 * several partners in a row, toasts over the cells being edited, a slow connection called
 * "Offline", and a doubled "Coalition not found" inside the missing coalition's own sidebar.
 */
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { keepScreenshot, newUser, signUp, signUpWithWorldSummit } from './support.ts';

const WIDTHS = [1280, 375] as const;
const viewportFor = (width: number) => ({ width, height: width < 600 ? 740 : 800 });

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The toast saying `text`, once it has slid into place (its box no longer moves). */
async function settledToast(page: Page, text: RegExp): Promise<Box> {
  const toast = page.locator('[data-sonner-toast]').filter({ hasText: text }).first();
  await expect(toast).toBeVisible();
  let last: Box | null = null;
  for (let i = 0; i < 40; i++) {
    const box = await toast.boundingBox();
    if (box && last && Math.abs(box.y - last.y) < 0.5 && Math.abs(box.x - last.x) < 0.5) return box;
    last = box;
    await page.waitForTimeout(100);
  }
  throw new Error('the toast never settled');
}

/** Scrolls the window so that `el` sits just above the bottom edge of the screen (where toasts go). */
async function bringNearBottom(el: Locator) {
  await el.scrollIntoViewIfNeeded();
  await el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    window.scrollBy(0, r.bottom - (window.innerHeight - 24));
  });
}

/** Keeps a screenshot of what is on screen (fixed toasts where the person sees them). */
async function keepView(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function expectToastClear(page: Page, toast: Box, rows: Locator[], what: string) {
  const vp = page.viewportSize()!;
  // On screen and below the 56 px top bar.
  expect(toast.y, `${what}: toast below the top bar`).toBeGreaterThanOrEqual(56);
  expect(toast.y + toast.height, `${what}: toast on screen`).toBeLessThanOrEqual(vp.height);
  expect(toast.x + toast.width, `${what}: toast on screen`).toBeLessThanOrEqual(vp.width);
  for (const [i, row] of rows.entries()) {
    const box = await row.boundingBox();
    if (!box) continue;
    expect(overlaps(toast, box), `${what}: the toast covers row ${i + 1} (${JSON.stringify(box)} vs ${JSON.stringify(toast)})`).toBe(false);
  }
}

test.describe('signed out', () => {
  test('the first click on "Create an account" / "Sign in" works with the empty email field focused', async ({ page }, testInfo) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.goto('/sign-in');
      const email = page.getByLabel('Email');
      await email.focus();
      await expect(email).toBeFocused();
      await page.getByRole('link', { name: 'Create an account' }).click();
      await expect(page).toHaveURL(/\/sign-up$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();

      for (const field of ['Your name', 'Email']) {
        await page.getByLabel(field).focus();
        await page.getByRole('link', { name: 'Sign in' }).click();
        await expect(page).toHaveURL(/\/sign-in$/);
        await page.goto('/sign-up');
      }
    }
    // Leaving an empty field says nothing yet; a field typed into is still checked when left.
    await page.goto('/sign-in');
    await page.getByLabel('Email').focus();
    await page.getByLabel('Password').focus();
    await expect(page.locator('[id$="-err"]')).toHaveCount(0);
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').focus();
    await expect(page.locator('[id$="-err"]').first()).toBeVisible();
    // Submitting the empty form still names what is missing.
    await page.goto('/sign-in');
    await page.getByRole('button', { name: /^sign in$/i }).click();
    await expect(page.locator('[id$="-err"]')).toHaveCount(2);
    for (const width of WIDTHS) {
      await page.setViewportSize(viewportFor(width));
      await page.goto('/sign-in');
      await page.getByLabel('Email').focus();
      await keepScreenshot(page, testInfo, `sign-in-${width}`);
    }
  });
});

test('"Save and add another" adds three partners in one go', async ({ page }, testInfo) => {
  test.slow(); // signs up and creates a coalition from the template first
  const coalitionId = await signUpWithWorldSummit(page, newUser('Pia'));
  await page.goto(`/c/${coalitionId}/partners`);
  await page.getByRole('button', { name: 'Add partner' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a partner' });
  const name = dialog.getByLabel('Name', { exact: true });
  await expect(name).toBeFocused();

  for (const partner of ['Estonia', 'Latvia']) {
    await name.fill(partner);
    await dialog.getByRole('button', { name: 'Save and add another' }).click();
    // Saved, still open with an empty form, focus back on the first field, and said so.
    await expect(dialog.getByRole('status')).toHaveText(new RegExp(`Saved “${partner}”`));
    await expect(name).toHaveValue('');
    await expect(name).toBeFocused();
    await expect(dialog).toBeVisible();
  }
  for (const width of WIDTHS) {
    await page.setViewportSize(viewportFor(width));
    await keepView(page, testInfo, `partner-add-another-${width}`);
  }
  await page.setViewportSize(viewportFor(1280));
  // An empty name is refused without leaving the dialog.
  await dialog.getByRole('button', { name: 'Save and add another' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('Lithuania');
  await dialog.getByRole('button', { name: 'Add partner' }).click();
  await expect(dialog).toBeHidden();

  for (const partner of ['Estonia', 'Latvia', 'Lithuania']) {
    await expect(page.getByText(partner, { exact: true }).first()).toBeVisible();
  }
  // Each saved once: the server has exactly one of each.
  const list = await page.evaluate(async (coalitionId) => {
    const res = await fetch(`/trpc/partner.list?input=${encodeURIComponent(JSON.stringify({ coalitionId }))}`);
    return ((await res.json()) as { result: { data: { name: string }[] } }).result.data.map((p) => p.name);
  }, coalitionId);
  for (const partner of ['Estonia', 'Latvia', 'Lithuania']) expect(list.filter((n) => n === partner)).toHaveLength(1);
});

for (const width of WIDTHS) {
  test(`toasts do not cover the matrix cell or the milestone row being worked on (${width} px)`, async ({ page }, testInfo) => {
    test.slow(); // two screens of the template coalition
    await page.setViewportSize(viewportFor(width));
    const coalitionId = await signUpWithWorldSummit(page, newUser(`Toby${width}`));

    // The matrix: a cell low on the screen, set from the keyboard; the save fails, so an error toast comes.
    await page.goto(`/c/${coalitionId}/tracks`);
    const cell = page.getByTitle(/^Brazil on Climate governance:/);
    await bringNearBottom(cell);
    await page.route(/\/trpc\/[^?]*assignment\.set/, (route) => route.abort('failed'));
    await cell.focus();
    await page.keyboard.press('l');
    const matrixToast = await settledToast(page, /Could not change Brazil on Climate governance/);
    const row = page.getByRole('row').filter({ has: cell });
    await expectToastClear(page, matrixToast, [cell, row], 'matrix');
    await keepView(page, testInfo, `matrix-toast-${width}`);
    await page.unrouteAll();

    // The milestone list: the last row on screen, at the end of the list, gets a quick status change.
    await page.goto(`/c/${coalitionId}/milestones`);
    const statuses = page.getByLabel(/^Status of /);
    await expect(statuses.first()).toBeVisible({ timeout: 30_000 });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(300);
    const rowSelector = width < 600 ? '[role="listitem"]' : '[role="row"][aria-rowindex]:not([aria-rowindex="1"])';
    const rows = page.locator(rowSelector).filter({ has: page.getByLabel(/^Status of /) });
    const onScreen: Locator[] = [];
    const vh = page.viewportSize()!.height;
    for (let i = 0, n = await rows.count(); i < n; i++) {
      const box = await rows.nth(i).boundingBox();
      if (box && box.y >= 56 && box.y + box.height <= vh) onScreen.push(rows.nth(i));
    }
    expect(onScreen.length).toBeGreaterThan(2);
    const target = onScreen.at(-1)!;
    const select = target.getByLabel(/^Status of /);
    const current = await select.inputValue();
    await page.route(/\/trpc\/[^?]*milestone\.update/, (route) => route.abort('failed'));
    await select.focus();
    await select.selectOption(current === 'blocked' ? 'at_risk' : 'blocked');
    const listToast = await settledToast(page, /Not saved/);
    await expectToastClear(page, listToast, onScreen.slice(-3), 'milestone list');
    await keepView(page, testInfo, `milestone-toast-${width}`);
  });
}

test('a slow connection says "Slow connection", not "Offline"; being offline says "Offline"', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const coalitionId = await signUpWithWorldSummit(page, newUser('Sol'));
  const indicator = page.locator('[data-live-status]');
  await expect(indicator).toHaveAttribute('data-live-status', 'live');

  // Every state the indicator shows from here on, in order.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { liveSeen: string[] }).liveSeen = seen;
    new MutationObserver(() => {
      const s = document.querySelector('[data-live-status]')?.getAttribute('data-live-status');
      if (s && seen.at(-1) !== s) seen.push(s);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-live-status'] });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const latency = (ms: number) => cdp.send('Network.emulateNetworkConditions', { offline: false, latency: ms, downloadThroughput: -1, uploadThroughput: -1 });
  const seen = () => page.evaluate(() => (window as unknown as { liveSeen: string[] }).liveSeen);

  // A whole page load over a slow network (4 s per request): connecting, slow, then live — never "Offline".
  await latency(4000);
  await page.goto(`/c/${coalitionId}/milestones`, { waitUntil: 'commit', timeout: 60_000 });
  await expect(indicator).toHaveAttribute('data-live-status', 'live', { timeout: 90_000 });
  expect(await seen(), 'a slow network is never called offline').not.toContain('offline');

  // Leaving the coalition and coming back (the screens are loaded by now): the new stream takes
  // over 6 s to open, and after 3 s the top bar says why, in words.
  await latency(6000);
  await page.getByRole('link', { name: /my coalitions/i }).first().click();
  await page.getByRole('main').getByRole('link', { name: /World Summit/ }).first().click({ timeout: 30_000 });
  const slow = page.getByRole('status', { name: 'Slow connection' });
  await expect(slow).toBeVisible({ timeout: 20_000 });
  for (const width of WIDTHS) {
    await page.setViewportSize(viewportFor(width));
    // In words (shorter on a phone's crowded top bar), not the amber dot alone.
    await expect(slow.getByText(width < 600 ? 'Slow' : 'Slow connection', { exact: true })).toBeVisible();
    await keepView(page, testInfo, `live-slow-${width}`);
  }
  await page.setViewportSize(viewportFor(1280));
  await latency(0);
  await expect(indicator).toHaveAttribute('data-live-status', 'live', { timeout: 30_000 });
  expect(await seen()).toContain('slow');
  expect(await seen(), 'a slow network is never called offline').not.toContain('offline');

  // Truly offline: said in words.
  await context.setOffline(true);
  const offline = page.getByRole('status', { name: 'Offline' });
  for (const width of WIDTHS) {
    await page.setViewportSize(viewportFor(width));
    await expect(offline.getByText('Offline', { exact: true })).toBeVisible();
    await keepView(page, testInfo, `live-offline-${width}`);
  }
  await context.setOffline(false);
  await expect(indicator).toHaveAttribute('data-live-status', 'live', { timeout: 30_000 });
  await context.close();
});

test('a coalition id that is not mine shows one not-found page, without that coalition\'s sidebar, and the way back', async ({ page }, testInfo) => {
  await signUp(page, newUser('Nora'));
  const randomId = Array.from({ length: 20 }, () => 'abcdefghijklmnopqrstuvwxyz234567'[Math.floor(Math.random() * 32)]).join('');
  for (const width of WIDTHS) {
    await page.setViewportSize(viewportFor(width));
    await page.goto(`/c/${randomId}/milestones`);
    await expect(page.getByRole('heading', { level: 1, name: 'Coalition not found' })).toBeVisible();
    await expect(page.getByText('Coalition not found')).toHaveCount(1);
    await expect(page).toHaveTitle(/Coalition not found/);
    // No sidebar, menu button or live state of a coalition that is not there.
    await expect(page.getByRole('navigation', { name: 'Coalition' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Open navigation' })).toHaveCount(0);
    await expect(page.locator('[data-live-status]')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^My coalitions\s*: switch coalition$/ })).toBeVisible();
    await keepScreenshot(page, testInfo, `coalition-not-found-${width}`);
  }
  await page.getByRole('link', { name: 'Back to my coalitions' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
