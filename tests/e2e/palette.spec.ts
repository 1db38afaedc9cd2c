/**
 * The command palette (Ctrl-K) and the keyboard shortcuts, in Chromium against the real server:
 * jump to a milestone found by name, open the "new partner" form, change the current milestone's
 * status (and meet a conflict), the `?` list, `g m`, and no shortcut while typing in a field.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot, newPage, newUser, signUpWithWorldSummit, trpc } from './support.ts';

let page: Page;
let coalitionId: string;
let milestoneId: string;
const TITLE = 'Zebra crossing accord signed';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  page = await newPage(browser);
  coalitionId = await signUpWithWorldSummit(page, newUser('Palette'));
  const created = await trpc<{ result: { data: { id: string } } }>(page, 'milestone.create', { coalitionId, title: TITLE, dueDate: '2030-04-01' });
  expect(created.status).toBe(200);
  milestoneId = created.body.result.data.id;
});

test.afterAll(async () => {
  await page.context().close();
});

const palette = () => page.getByRole('dialog', { name: 'Go to or do' });
const searchBox = () => palette().getByRole('combobox');
/** Ctrl-K, once the page's key listener is there (right after a navigation the lazy shell may still be loading). */
async function openPalette() {
  await expect(async () => {
    if (!(await palette().isVisible())) await page.keyboard.press('Control+k');
    await expect(palette()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

test('Ctrl-K, part of a milestone name, Enter: lands on that milestone', async ({ browser: _browser }, testInfo) => {
  await page.goto(`/c/${coalitionId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await openPalette();
  await expect(palette()).toBeVisible();
  await expect(searchBox()).toBeFocused();
  await searchBox().pressSequentially('zebra CROSS');
  const option = palette().getByRole('option', { name: new RegExp(TITLE) });
  await expect(option).toBeVisible();
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page, 'the command palette with results');
  await keepScreenshot(page, testInfo, 'palette-1280');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`/c/${coalitionId}/milestones/${milestoneId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(palette()).toBeHidden();
});

test('Escape closes the palette and focus stays inside while it is open', async () => {
  await page.goto(`/c/${coalitionId}/partners`);
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
  const button = page.getByRole('button', { name: /^Search .*commands$/ });
  await button.click();
  await expect(searchBox()).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  expect(await palette().evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(palette()).toBeHidden();
  await expect(button).toBeFocused();
});

test('the "New partner" action opens the create form', async () => {
  await page.goto(`/c/${coalitionId}`);
  await openPalette();
  await searchBox().fill('new partner');
  await expect(palette().getByRole('option', { name: 'New partner' })).toHaveAttribute('aria-selected', 'true');
  // An owner may invite: that action is offered too.
  await searchBox().fill('invite');
  await expect(palette().getByRole('option', { name: 'Invite a member' })).toBeVisible();
  await searchBox().fill('new partner');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`/c/${coalitionId}/partners`);
  const form = page.getByRole('dialog', { name: 'Add a partner' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Name')).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
  // The parameter is gone: a reload does not open the form again.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('on a milestone, the palette sets its status; a stale version shows the conflict dialog', async () => {
  // No live stream in this test: the other person's save must not reach this page before ours.
  const live = /\/trpc\/live\.events/;
  await page.route(live, (route) => route.abort());
  await page.goto(`/c/${coalitionId}/milestones/${milestoneId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await openPalette();
  await searchBox().fill('at risk');
  await palette().getByRole('option', { name: /Set status: At risk/ }).click();
  await expect(page.getByText('At risk', { exact: true }).first()).toBeVisible();
  const current = await trpc<{ result: { data: { version: number } } }>(page, 'milestone.get', { coalitionId, milestoneId }, 'query');
  expect(current.body.result.data).toMatchObject({ status: 'at_risk' });

  // Someone else saves first: this page still holds the older version.
  await trpc(page, 'milestone.update', { coalitionId, milestoneId, version: current.body.result.data.version, description: 'Changed elsewhere' });
  await openPalette();
  await searchBox().fill('blocked');
  await page.keyboard.press('Enter');
  const conflict = page.getByRole('dialog', { name: 'Someone else changed this milestone' });
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Apply mine again' }).click();
  await expect(conflict).toBeHidden();
  await expect
    .poll(async () => (await trpc<{ result: { data: { status: string } } }>(page, 'milestone.get', { coalitionId, milestoneId }, 'query')).body.result.data.status)
    .toBe('blocked');
  await page.unroute(live);
});

test('? lists the shortcuts; g m goes to the milestones', async ({ browser: _browser }, testInfo) => {
  await page.goto(`/c/${coalitionId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const label of ['Open the command palette', 'Dashboard', 'Milestones', 'Partners', 'Tracks & matrix', 'Bottlenecks', 'Activity', 'Inbox', 'Settings']) {
    await expect(help.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(help.getByRole('term').filter({ hasText: 'Milestones' }).locator('..').locator('kbd')).toHaveText(['g', 'm']);
  await keepScreenshot(page, testInfo, 'shortcuts-1280');
  // No shortcut while a dialog is open.
  await page.keyboard.press('g');
  await page.keyboard.press('m');
  await expect(page).toHaveURL(`/c/${coalitionId}`);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('g');
  await page.keyboard.press('m');
  await expect(page).toHaveURL(`/c/${coalitionId}/milestones`);
  await expect(page.getByRole('heading', { level: 1, name: 'Milestones' })).toBeVisible();
});

test('typing "g m" in a field types it, and does not navigate', async () => {
  await page.goto(`/c/${coalitionId}/partners`);
  const search = page.getByRole('searchbox').first();
  await search.click();
  await page.keyboard.type('g m');
  await expect(search).toHaveValue('g m');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).toHaveURL(`/c/${coalitionId}/partners`);
});

test('at 375 px: the navigation drawer opens a palette that fits the screen', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, storageState: await page.context().storageState() });
  const phone = await context.newPage();
  await phone.goto(`/c/${coalitionId}/milestones`);
  await expect(phone.getByRole('heading', { level: 1, name: 'Milestones' })).toBeVisible();
  await keepScreenshot(phone, testInfo, 'topbar-375');
  // On a phone the entry is in the navigation drawer (the top bar keeps its room for the coalition's name).
  await expect(phone.getByRole('button', { name: /^Search .*commands$/ })).toBeHidden();
  await phone.getByRole('button', { name: 'Open navigation' }).click();
  await phone.getByRole('dialog').getByRole('button', { name: 'Search and commands' }).click();
  const dialog = phone.getByRole('dialog', { name: 'Go to or do' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox').fill('zebra');
  await expect(dialog.getByRole('option', { name: new RegExp(TITLE) })).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await keepScreenshot(phone, testInfo, 'palette-375');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await context.close();
});
