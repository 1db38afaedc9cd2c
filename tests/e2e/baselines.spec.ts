import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot, newUser, signIn, signUp, trpc, type E2EUser } from './support.ts';

/**
 * Baselines: save one on the timeline, drag a bar past it → the reason dialog → the slip is in
 * the slips list and the ghost bar stays on the old dates; cancelling puts the bar back; the
 * milestone editor and the bulk date shift ask the same way.
 */

const SHOTS = '.tmp/shots-baselines';
/** ISO date `n` days from today (UTC; the coalition's time zone is UTC). */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface Plan {
  coalitionId: string;
  ids: Record<'survey' | 'draft' | 'launch', string>;
}

async function smallPlan(page: Page, user: E2EUser): Promise<Plan> {
  await signUp(page, user);
  const created = await trpc<{ result: { data: { id: string } } }>(page, 'coalition.create', { name: 'Baseline test coalition', goal: 'A treaty signed', goalDate: day(90) });
  expect(created.status).toBe(200);
  const coalitionId = created.body.result.data.id;
  const add = async (title: string, startDate: string, dueDate: string, dependsOn: string[] = []) => {
    const res = await trpc<{ result: { data: { id: string } } }>(page, 'milestone.create', { coalitionId, title, startDate, dueDate, dependsOn });
    expect(res.status).toBe(200);
    return res.body.result.data.id;
  };
  const survey = await add('Survey of member states', day(10), day(20));
  const draft = await add('Draft circulated', day(25), day(40), [survey]);
  const launch = await add('Launch event', day(5), day(15));
  return { coalitionId, ids: { survey, draft, launch } };
}

async function milestone(page: Page, coalitionId: string, milestoneId: string) {
  const res = await trpc<{ result: { data: { startDate: string | null; dueDate: string; version: number } } }>(page, 'milestone.get', { coalitionId, milestoneId }, 'query');
  return res.body.result.data;
}

/** Presses the mouse at the middle of `handle` and moves it by `dx` in small steps, then releases. */
async function dragBy(page: Page, handle: Locator, dx: number) {
  const box = (await handle.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y);
  await page.mouse.up();
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

test('save a baseline, drag a bar past it, give the reason: the slip is listed and the ghost stays on the old dates', async ({ page, browser }, testInfo) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const user = newUser('Basil');
  const { coalitionId, ids } = await smallPlan(page, user);
  await page.goto(`/c/${coalitionId}/milestones?view=timeline`);
  const region = page.getByRole('region', { name: /Milestone timeline/ });
  await expect(region).toBeVisible();
  // No baseline yet: no ghosts, no picker.
  await expect(page.locator('[data-ghost]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Save baseline' }).click();
  const saveDialog = page.getByRole('dialog', { name: 'Save a baseline' });
  await saveDialog.getByLabel('Name').fill('Agreed in Geneva');
  await saveDialog.getByRole('button', { name: 'Save baseline' }).click();
  await expect(saveDialog).toBeHidden();
  await expect(page.getByText('Baseline “Agreed in Geneva” saved: the dates of 3 milestones')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Legend' }).getByText(/Baseline “Agreed in Geneva”/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Baseline' })).toContainText('Latest: Agreed in Geneva');
  const ghost = page.locator(`[data-ghost="${ids.survey}"]`);
  await expect(ghost).toBeVisible();
  const survey = page.locator(`[data-bar="${ids.survey}"]`);
  const before = { ghost: (await ghost.boundingBox())!, bar: (await survey.boundingBox())! };
  // The ghost lies under its bar, over the same days.
  expect(Math.abs(before.ghost.x - before.bar.x)).toBeLessThan(1.5);
  expect(Math.abs(before.ghost.width - before.bar.width)).toBeLessThan(1.5);
  expect(before.ghost.y).toBeGreaterThan(before.bar.y + before.bar.height - 1);
  await shot(page, 'timeline-ghosts-1280-light');
  await expectAccessible(page, 'timeline with a baseline');

  // Drag "Survey" five days later: past its baseline, so the reason is asked for; the bar stays where dropped.
  const px = before.bar.width / 11;
  await dragBy(page, survey, 5 * px + px * 0.2);
  const reason = page.getByRole('dialog', { name: 'This moves past its baseline' });
  await expect(reason).toBeVisible();
  await expect(reason).toContainText('5 days after its baseline date');
  expect((await survey.boundingBox())!.x).toBeGreaterThan(before.bar.x + 4 * px);
  await shot(page, 'reason-dialog-1280-light');
  await expectAccessible(page, 'the slip reason dialog');
  // A reason is required.
  await reason.getByRole('button', { name: 'Save with this reason' }).click();
  await expect(reason.getByText('Say why it moves past its baseline')).toBeVisible();
  await reason.getByLabel('Reason for the slip').fill('Two capitals asked for another week to reply');
  await reason.getByRole('button', { name: 'Save with this reason' }).click();
  await expect(reason).toBeHidden();
  await expect.poll(async () => (await milestone(page, coalitionId, ids.survey)).dueDate).toBe(day(25));
  // The ghost is still on the baseline's dates, the bar on the new ones.
  const after = (await ghost.boundingBox())!;
  expect(Math.abs(after.x - before.ghost.x)).toBeLessThan(1);
  expect((await survey.boundingBox())!.x - after.x).toBeGreaterThan(4 * px);
  await shot(page, 'timeline-slipped-1280-light');

  // Keyboard: two days later on "Launch", Enter → asked; cancelling puts the bar back.
  const launch = page.locator(`[data-bar="${ids.launch}"]`);
  const launchBox = (await launch.boundingBox())!;
  await launch.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(reason).toBeVisible();
  await reason.getByRole('button', { name: 'Cancel' }).click();
  await expect(reason).toBeHidden();
  await expect.poll(async () => Math.round((await launch.boundingBox())!.x)).toBe(Math.round(launchBox.x));
  expect((await milestone(page, coalitionId, ids.launch)).dueDate).toBe(day(15));

  // Moving earlier needs nothing.
  await launch.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await milestone(page, coalitionId, ids.launch)).dueDate).toBe(day(14));
  await expect(reason).toBeHidden();

  // The slips list: the slip, by how much, who and why; the earlier one below.
  await page.getByRole('tab', { name: 'Slips' }).click();
  const slipped = page.getByRole('list', { name: 'Slipped milestones, biggest slip first' });
  const row = slipped.locator(`[data-slip="${ids.survey}"]`);
  await expect(row).toContainText('Survey of member states');
  await expect(row).toContainText('+5 days');
  await expect(row).toContainText('Two capitals asked for another week to reply');
  await expect(row).toContainText(user.name);
  await expect(page.getByRole('heading', { name: 'Moved earlier' })).toBeVisible();
  await expect(page.getByText('−1 day')).toBeVisible();
  await shot(page, 'slips-1280-light');
  await keepScreenshot(page, testInfo, 'slips-1280');
  await expectAccessible(page, 'the slips list');

  // The history line of the milestone quotes the reason.
  await row.getByRole('link', { name: 'Survey of member states' }).click();
  await expect(page.getByText(/5 days past the baseline "Agreed in Geneva". Reason: Two capitals asked/)).toBeVisible();

  // Phone width, light.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/c/${coalitionId}/milestones?view=slips`);
  await expect(row).toBeVisible();
  await shot(page, 'slips-375-light');
  await page.goto(`/c/${coalitionId}/milestones?view=timeline`);
  await expect(page.locator(`[data-ghost="${ids.draft}"]`)).toBeAttached();
  await shot(page, 'timeline-ghosts-375-light');
  await page.locator(`[data-bar="${ids.draft}"]`).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(reason).toBeVisible();
  await shot(page, 'reason-dialog-375-light');
  await page.keyboard.press('Escape');
  await expect(reason).toBeHidden();

  // Dark theme (the system's), both widths.
  const dark = await browser.newContext({ colorScheme: 'dark' });
  const d = await dark.newPage();
  await d.setViewportSize({ width: 1280, height: 900 });
  await signIn(d, user);
  await d.goto(`/c/${coalitionId}/milestones?view=timeline`);
  await expect(d.locator(`[data-ghost="${ids.survey}"]`)).toBeVisible();
  await shot(d, 'timeline-ghosts-1280-dark');
  await expectAccessible(d, 'timeline with a baseline (dark)');
  await d.locator(`[data-bar="${ids.draft}"]`).focus();
  await d.keyboard.press('ArrowRight');
  await d.keyboard.press('Enter');
  const darkReason = d.getByRole('dialog', { name: 'This moves past its baseline' });
  await expect(darkReason).toBeVisible();
  await shot(d, 'reason-dialog-1280-dark');
  await darkReason.getByRole('button', { name: 'Cancel' }).click();
  await d.goto(`/c/${coalitionId}/milestones?view=slips`);
  await expect(d.locator(`[data-slip="${ids.survey}"]`)).toBeVisible();
  await shot(d, 'slips-1280-dark');
  await expectAccessible(d, 'the slips list (dark)');
  await d.setViewportSize({ width: 375, height: 800 });
  await shot(d, 'slips-375-dark');
  await d.goto(`/c/${coalitionId}/milestones?view=timeline`);
  await expect(d.locator(`[data-ghost="${ids.draft}"]`)).toBeAttached();
  await shot(d, 'timeline-ghosts-375-dark');
  await d.locator(`[data-bar="${ids.draft}"]`).focus();
  await d.keyboard.press('ArrowRight');
  await d.keyboard.press('Enter');
  await expect(darkReason).toBeVisible();
  await shot(d, 'reason-dialog-375-dark');
  await dark.close();
});

test('the milestone editor and the bulk date shift ask for the reason the same way; "None" hides the ghosts', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const { coalitionId, ids } = await smallPlan(page, newUser('Bea'));
  expect((await trpc(page, 'baseline.create', { coalitionId, name: 'Q3 plan' })).status).toBe(200);

  // The editor: a later due date → asked → saved with the reason.
  await page.goto(`/c/${coalitionId}/milestones/${ids.draft}`);
  const editor = page.getByRole('form', { name: 'Edit milestone' });
  await editor.getByLabel('Due date').fill(day(47));
  await editor.getByRole('button', { name: 'Save changes' }).click();
  const reason = page.getByRole('dialog', { name: 'This moves past its baseline' });
  await expect(reason).toContainText('7 days after its baseline date');
  await reason.getByLabel('Reason for the slip').fill('Translation into six languages');
  await reason.getByRole('button', { name: 'Save with this reason' }).click();
  await expect(page.getByText('Milestone saved')).toBeVisible();
  expect((await milestone(page, coalitionId, ids.draft)).dueDate).toBe(day(47));

  // Bulk: shift two milestones a week later → one reason for both.
  await page.goto(`/c/${coalitionId}/milestones`);
  await page.getByRole('checkbox', { name: 'Select Survey of member states' }).click();
  await page.getByRole('checkbox', { name: 'Select Launch event' }).click();
  const toolbar = page.getByRole('toolbar', { name: '2 milestones selected' });
  await toolbar.getByRole('combobox', { name: 'Change' }).click();
  await page.getByRole('option', { name: 'Shift dates' }).click();
  await toolbar.getByLabel('By days (− earlier)').fill('7');
  await toolbar.getByRole('button', { name: 'Apply to 2 milestones' }).click();
  const bulkReason = page.getByRole('dialog', { name: '2 milestones move past their baseline' });
  await expect(bulkReason.getByRole('list', { name: 'Moved past the baseline' }).getByRole('listitem')).toHaveCount(2);
  await bulkReason.getByLabel('Reason for the slip').fill('The session moved a week');
  await bulkReason.getByRole('button', { name: 'Save with this reason' }).click();
  await expect(page.getByText('Updated 2 milestones')).toBeVisible();
  expect((await milestone(page, coalitionId, ids.launch)).dueDate).toBe(day(22));

  await page.goto(`/c/${coalitionId}/milestones?view=slips`);
  await expect(page.locator('[data-slip]').filter({ hasText: 'The session moved a week' })).toHaveCount(2);
  await expect(page.locator(`[data-slip="${ids.draft}"]`)).toContainText('Translation into six languages');

  // "None" hides the ghosts and the legend entry.
  await page.goto(`/c/${coalitionId}/milestones?view=timeline`);
  await expect(page.locator('[data-ghost]')).toHaveCount(3);
  await page.getByRole('combobox', { name: 'Baseline' }).click();
  await page.getByRole('option', { name: 'None (hide)' }).click();
  await expect(page.locator('[data-ghost]')).toHaveCount(0);
  await expect(page).toHaveURL(/baseline=none/);
  await expect(page.getByRole('list', { name: 'Legend' }).getByText(/Baseline/)).toHaveCount(0);
});
