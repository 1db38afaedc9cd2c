import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot, newUser, signUp, trpc } from './support.ts';

/** ISO date `n` days from today (UTC; the coalition's time zone is UTC). */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface Plan {
  coalitionId: string;
  ids: Record<'survey' | 'draft' | 'launch', string>;
}

/** A small plan: "Draft" waits for "Survey"; "Launch" stands alone; the goal two months out. */
async function smallPlan(page: Page): Promise<Plan> {
  await signUp(page, newUser('Tilda'));
  const created = await trpc<{ result: { data: { id: string } } }>(page, 'coalition.create', {
    name: 'Timeline test coalition',
    goal: 'A treaty signed',
    goalDate: day(62),
  });
  expect(created.status).toBe(200);
  const coalitionId = created.body.result.data.id;
  const add = async (title: string, startDate: string, dueDate: string, dependsOn: string[] = []) => {
    const res = await trpc<{ result: { data: { id: string } } }>(page, 'milestone.create', { coalitionId, title, startDate, dueDate, dependsOn });
    expect(res.status).toBe(200);
    return res.body.result.data.id;
  };
  const survey = await add('Survey of member states on the draft treaty text and its annexes', day(10), day(20));
  const draft = await add('Draft circulated', day(25), day(40), [survey]);
  const launch = await add('Launch event', day(5), day(15));
  return { coalitionId, ids: { survey, draft, launch } };
}

async function milestone(page: Page, coalitionId: string, milestoneId: string) {
  const res = await trpc<{ result: { data: { startDate: string | null; dueDate: string; version: number } } }>(page, 'milestone.get', { coalitionId, milestoneId }, 'query');
  return res.body.result.data;
}

async function openTimeline(page: Page, coalitionId: string) {
  await page.goto(`/c/${coalitionId}/milestones?view=timeline`);
  await expect(page.getByRole('region', { name: /Milestone timeline/ })).toBeVisible();
}

/** Pixels per day, from a bar's width and its dates (inclusive of the due day). */
async function dayPx(bar: Locator, days: number) {
  const box = (await bar.boundingBox())!;
  return box.width / days;
}

/** Presses the mouse at the middle of `handle` and moves it by `dx` in small steps (not released). */
async function dragBy(page: Page, handle: Locator, dx: number) {
  const box = (await handle.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y);
}

test('editors drag bars and their ends; arrows and lateness follow live; Escape cancels', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const { coalitionId, ids } = await smallPlan(page);
  await openTimeline(page, coalitionId);
  await expect(page.getByText(/Drag a bar to move it/)).toBeVisible();

  // Move the whole bar: start and due shift together by the days dragged.
  const survey = page.locator(`[data-bar="${ids.survey}"]`);
  const px = await dayPx(survey, 11);
  expect(px).toBeGreaterThan(3);
  await dragBy(page, survey, 3 * px + px * 0.2);
  await expect(page.getByRole('status').filter({ hasText: 'Moving “Survey' })).toContainText('3 days later');
  await page.mouse.up();
  await expect.poll(async () => (await milestone(page, coalitionId, ids.survey)).dueDate).toBe(day(23));
  expect((await milestone(page, coalitionId, ids.survey)).startDate).toBe(day(13));
  // The click that ends a drag does not open the milestone.
  await expect(page).toHaveURL(/view=timeline/);

  // The right end: only the due date changes.
  await dragBy(page, survey.locator('[data-handle="due"]'), 2 * px);
  await page.mouse.up();
  await expect.poll(async () => (await milestone(page, coalitionId, ids.survey)).dueDate).toBe(day(25));
  expect((await milestone(page, coalitionId, ids.survey)).startDate).toBe(day(13));

  // Dragging the prerequisite's end past its dependant's due date makes the dependency late while
  // dragging: the arrow turns red and the dependant's bar says so; Escape puts everything back.
  const arrow = page.locator(`path[data-edge="${ids.survey}>${ids.draft}"]`);
  const draft = page.locator(`[data-bar="${ids.draft}"]`);
  await expect(arrow).toHaveAttribute('data-late', 'false');
  await dragBy(page, survey.locator('[data-handle="due"]'), 20 * px);
  await expect(arrow).toHaveAttribute('data-late', 'true');
  await expect(draft).toHaveAttribute('aria-label', /a dependency finishes late/);
  await expect(page.getByRole('status').filter({ hasText: 'Late dependency' })).toContainText('finishes after “Draft circulated” is due');
  await keepScreenshot(page, testInfo, 'timeline-dragging-late-1280');
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(arrow).toHaveAttribute('data-late', 'false');
  await expect(draft).not.toHaveAttribute('aria-label', /finishes late/);
  expect((await milestone(page, coalitionId, ids.survey)).dueDate).toBe(day(25));

  // After a reload the bar is drawn at its saved dates.
  await page.reload();
  await expect(page.locator(`[data-bar="${ids.survey}"]`)).toHaveAttribute('aria-label', new RegExp(`due ${await formatted(page, day(25))}`));
});

/** The app's own wording of a date (`formatDate`), read from a bar's label rather than re-implemented. */
async function formatted(page: Page, iso: string) {
  return page.evaluate((d) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), iso);
}

test('keyboard: arrows move a focused bar, [ and ] change one end, Enter saves; titles stay readable', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const { coalitionId, ids } = await smallPlan(page);
  await openTimeline(page, coalitionId);

  const launch = page.locator(`[data-bar="${ids.launch}"]`);
  await launch.focus();
  // The full title shows while its bar has focus (the column truncates it otherwise).
  const survey = page.locator(`[data-bar="${ids.survey}"]`);
  await survey.focus();
  const title = page.locator('li').filter({ has: survey }).getByText('Survey of member states on the draft treaty text and its annexes');
  await expect(title).toBeVisible();
  // Wrapped inside the title column, whole (not cut off with an ellipsis), and clear of the bars.
  expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  const titleBox = (await title.boundingBox())!;
  const columnRight = (await page.getByText('Track · milestone').boundingBox())!;
  expect(titleBox.height).toBeGreaterThan(20); // two lines or more
  expect(titleBox.x + titleBox.width).toBeLessThanOrEqual(columnRight.x + columnRight.width);

  await launch.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('status').filter({ hasText: 'Moving “Launch event”' })).toContainText('3 days later');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await milestone(page, coalitionId, ids.launch)).dueDate).toBe(day(18));
  expect((await milestone(page, coalitionId, ids.launch)).startDate).toBe(day(8));
  await expect(page).toHaveURL(/view=timeline/); // Enter saved, it did not open the milestone

  // `]` then Shift+→: only the due date, a week later (saved after the pause).
  await launch.focus();
  await page.keyboard.press(']');
  await expect(page.getByRole('status').filter({ hasText: 'Arrow keys' })).toContainText('Arrow keys now change only the due date of “Launch event”');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (await milestone(page, coalitionId, ids.launch)).dueDate, { timeout: 5000 }).toBe(day(25));
  expect((await milestone(page, coalitionId, ids.launch)).startDate).toBe(day(8));
  await expect(launch).toHaveAttribute('aria-label', /^Launch event: Planned, 0% done, from .* due /);

  // The title column: a separator that resizes by keyboard and by dragging, and keeps its width.
  const sep = page.getByRole('separator', { name: 'Title column width' });
  const before = Number(await sep.getAttribute('aria-valuenow'));
  await sep.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(sep).toHaveAttribute('aria-valuenow', String(before + 32));
  await dragBy(page, sep, 60);
  await page.mouse.up();
  await expect(sep).toHaveAttribute('aria-valuenow', String(before + 92));
  const header = page.getByText('Track · milestone');
  expect(Math.round((await header.boundingBox())!.width)).toBe(before + 92);
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Title column width' })).toHaveAttribute('aria-valuenow', String(before + 92));

  // A small plan fills the width, and the goal label lies inside the chart.
  const region = page.getByRole('region', { name: /Milestone timeline/ });
  const regionBox = (await region.boundingBox())!;
  const gridWidth = Number(await region.locator('[data-grid-width]').getAttribute('data-grid-width'));
  expect(gridWidth).toBeGreaterThanOrEqual((await region.evaluate((el) => el.clientWidth)) - 2);
  const goal = page.locator('[data-flag="goal"]');
  await expect(goal).toBeVisible();
  const g = (await goal.boundingBox())!;
  expect(g.x).toBeGreaterThanOrEqual(regionBox.x);
  expect(g.x + g.width).toBeLessThanOrEqual(regionBox.x + regionBox.width);
  await keepScreenshot(page, testInfo, 'timeline-1280');
  await expectAccessible(page, 'timeline (editor)');

  await page.setViewportSize({ width: 375, height: 800 });
  await expect(region).toBeVisible();
  const small = (await region.boundingBox())!;
  const g2 = (await goal.boundingBox())!;
  expect(g2.x + g2.width).toBeLessThanOrEqual(small.x + small.width + (await region.evaluate((el) => el.scrollWidth - el.clientWidth - el.scrollLeft)));
  await keepScreenshot(page, testInfo, 'timeline-375');

  // Touch (a phone): a finger drags the "Draft" bar five days later.
  const draft = page.locator(`[data-bar="${ids.draft}"]`);
  await draft.scrollIntoViewIfNeeded();
  const tpx = await dayPx(draft, 16);
  const box = (await draft.boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const at = (dx: number) => [{ x: box.x + box.width / 2 + dx, y: box.y + box.height / 2, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let i = 1; i <= 6; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at((5.2 * tpx * i) / 6) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect.poll(async () => (await milestone(page, coalitionId, ids.draft)).dueDate).toBe(day(45));
  expect((await milestone(page, coalitionId, ids.draft)).startDate).toBe(day(30));
  await expect(page).toHaveURL(/view=timeline/);
});

test('viewers see the timeline without handles, and arrow keys change nothing', async ({ page, browser }) => {
  const { coalitionId, ids } = await smallPlan(page);
  const viewer = newUser('Vik');
  const invited = await trpc<{ result: { data: { link: string } } }>(page, 'invitation.create', { coalitionId, email: viewer.email, role: 'viewer' });
  expect(invited.status).toBe(200);
  const token = new URL(invited.body.result.data.link).pathname.split('/').pop()!;

  const other = await (await browser.newContext()).newPage();
  await signUp(other, viewer);
  expect((await trpc(other, 'invitation.accept', { token })).status).toBe(200);
  await openTimeline(other, coalitionId);
  const bar = other.locator(`[data-bar="${ids.launch}"]`);
  await expect(bar).toBeVisible();
  await expect(other.locator('[data-handle]')).toHaveCount(0);
  await expect(other.getByText(/Drag a bar to move it/)).toHaveCount(0);
  await bar.focus();
  await other.keyboard.press('ArrowRight');
  await expect(other.getByRole('status').filter({ hasText: 'Moving' })).toHaveCount(0);
  // The resizable title column is for everyone (it changes nothing but this browser's view).
  await expect(other.getByRole('separator', { name: 'Title column width' })).toBeVisible();
  await other.context().close();
});

test('a stale version opens the conflict dialog; a refused save puts the bar back and says why', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const { coalitionId, ids } = await smallPlan(page);
  // No live updates in this tab: it keeps drawing what it loaded while the server moves on.
  await page.route('**/trpc/live.events**', (route) => route.abort());
  await openTimeline(page, coalitionId);
  const survey = page.locator(`[data-bar="${ids.survey}"]`);
  await expect(survey).toBeVisible();
  const px = await dayPx(survey, 11);

  // Someone else saves the milestone (version 2) while this tab still has version 1.
  expect((await trpc(page, 'milestone.update', { coalitionId, milestoneId: ids.survey, version: 1, title: 'Survey (renamed elsewhere)' })).status).toBe(200);
  await dragBy(page, survey, 2 * px);
  await page.mouse.up();
  const dialog = page.getByRole('dialog', { name: 'Someone else changed this milestone' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/version 2/);
  await dialog.getByRole('button', { name: 'Apply mine again' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await milestone(page, coalitionId, ids.survey)).dueDate).toBe(day(22));
  const saved = await milestone(page, coalitionId, ids.survey);
  expect(saved).toMatchObject({ startDate: day(12), version: 3 });

  // The save cannot reach the server: the bar goes back to its saved dates and the reason shows.
  const launch = page.locator(`[data-bar="${ids.launch}"]`);
  const x0 = (await launch.boundingBox())!.x;
  await page.route('**/trpc/milestone.update**', (route) => route.abort());
  await dragBy(page, launch, 5 * px);
  await page.mouse.up();
  await expect(page.getByRole('alert').filter({ hasText: 'was not moved' })).toContainText(
    '“Launch event” was not moved: Cannot reach the server. Check your connection and try again. Its bar is back on its saved dates.',
  );
  await expect.poll(async () => Math.round((await launch.boundingBox())!.x)).toBe(Math.round(x0));
  expect((await milestone(page, coalitionId, ids.launch)).dueDate).toBe(day(15));
  await page.unroute('**/trpc/milestone.update**');

  // It was deleted elsewhere: the move is refused by name and the bar leaves the chart.
  expect((await trpc(page, 'milestone.delete', { coalitionId, milestoneId: ids.launch })).status).toBe(200);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await dragBy(page, launch, 5 * px);
  await page.mouse.up();
  await expect(page.getByRole('alert').filter({ hasText: 'was not moved' })).toContainText('It is no longer in the plan.');
  await expect(launch).toHaveCount(0);
});
