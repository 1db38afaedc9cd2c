import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot, newUser, signUp, trpc } from './support.ts';

interface Row {
  id: string;
  title: string;
  status: string;
  dueDate: string;
  startDate: string | null;
  version: number;
}

/** `today + days` as YYYY-MM-DD (far enough from today that the coalition's time zone does not matter). */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function rows(page: Page, coalitionId: string): Promise<Map<string, Row>> {
  const res = await trpc<{ result: { data: { items: Row[] } } }>(page, 'milestone.list', { coalitionId, limit: 50 }, 'query');
  return new Map(res.body.result.data.items.map((m) => [m.title, m]));
}

async function historyCount(page: Page, coalitionId: string, milestoneId: string): Promise<number> {
  const res = await trpc<{ result: { data: { items: { action: string }[] } } }>(
    page,
    'activity.list',
    { coalitionId, entity: { type: 'milestone', id: milestoneId } },
    'query',
  );
  return res.body.result.data.items.length;
}

/** The milestone titles in the order the list shows them. */
async function shownTitles(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: 'Milestones' }).getByRole('row').getByRole('link').allTextContents();
}

async function setUp(page: Page) {
  await signUp(page, newUser('Bulk'));
  const created = await trpc<{ result: { data: { id: string } } }>(page, 'coalition.create', { name: 'Bulk edit coalition', goal: 'Sign the treaty', goalDate: day(400) });
  const coalitionId = created.body.result.data.id;
  const specs: [string, number, string, number | null][] = [
    ['Completed long ago', -30, 'done', null],
    ['Overdue draft', -10, 'planned', -20],
    ['Consult capitals', 3, 'planned', -2],
    ['Regional meeting', 20, 'in_progress', 10],
    ['Signing ceremony', 40, 'planned', null],
  ];
  for (const [title, due, status, start] of specs) {
    const res = await trpc(page, 'milestone.create', { coalitionId, title, dueDate: day(due), status, ...(start === null ? {} : { startDate: day(start) }) });
    expect(res.status).toBe(200);
  }
  return coalitionId;
}

test('bulk edit: select with click, shift-click and keyboard, change status of 3, shift dates by 7; what is next comes first', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const coalitionId = await setUp(page);
  await page.goto(`/c/${coalitionId}/milestones`);

  // No sort in the URL: open milestones by due date (the overdue one first); the done one is
  // folded away until asked for, then listed last, and the URL keeps the choice.
  await expect(page.getByRole('table', { name: 'Milestones' }).getByRole('link', { name: 'Signing ceremony' })).toBeVisible();
  await expect(page.getByText('Done and dropped milestones are folded away.')).toBeVisible();
  expect(await shownTitles(page)).toEqual(['Overdue draft', 'Consult capitals', 'Regional meeting', 'Signing ceremony']);
  await page.getByRole('button', { name: 'Show done and dropped' }).click();
  await expect(page.getByRole('table', { name: 'Milestones' }).getByRole('link', { name: 'Completed long ago' })).toBeVisible();
  expect(await shownTitles(page)).toEqual(['Overdue draft', 'Consult capitals', 'Regional meeting', 'Signing ceremony', 'Completed long ago']);
  await expect(page).toHaveURL(/closed=true/);

  // Click, then shift-click: the three rows from the first to the third.
  await page.getByRole('checkbox', { name: 'Select Overdue draft' }).click();
  await page.getByRole('checkbox', { name: 'Select Regional meeting' }).click({ modifiers: ['Shift'] });
  const toolbar = page.getByRole('toolbar', { name: '3 milestones selected' });
  await expect(toolbar).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select Consult capitals' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Select Signing ceremony' })).not.toBeChecked();
  await keepScreenshot(page, testInfo, 'list-selection-1280');
  await expectAccessible(page, 'milestone list with a selection');

  const before = await rows(page, coalitionId);
  const historyBefore = await historyCount(page, coalitionId, before.get('Consult capitals')!.id);
  await toolbar.getByRole('combobox', { name: 'New status' }).click();
  await page.getByRole('option', { name: 'At risk' }).click();
  await toolbar.getByRole('button', { name: 'Apply to 3 milestones' }).click();
  await expect(page.getByText('Updated 3 milestones')).toBeVisible();
  await expect(page.getByRole('toolbar')).toHaveCount(0); // selection cleared
  const afterStatus = await rows(page, coalitionId);
  expect(['Overdue draft', 'Consult capitals', 'Regional meeting'].map((t) => afterStatus.get(t)!.status)).toEqual(['at_risk', 'at_risk', 'at_risk']);
  expect(afterStatus.get('Signing ceremony')!.status).toBe('planned');
  // One history line for this milestone's change.
  expect(await historyCount(page, coalitionId, before.get('Consult capitals')!.id)).toBe(historyBefore + 1);

  // Keyboard: Space selects the focused row, Shift+ArrowDown extends to the next ones.
  const box = page.getByRole('checkbox', { name: 'Select Consult capitals' });
  await box.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByRole('toolbar', { name: '3 milestones selected' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Select Signing ceremony' })).toBeFocused();
  // Escape clears; select the three again.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('toolbar')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Select Consult capitals' }).click();
  await page.getByRole('checkbox', { name: 'Select Signing ceremony' }).click({ modifiers: ['Shift'] });

  const shiftBar = page.getByRole('toolbar', { name: '3 milestones selected' });
  await shiftBar.getByRole('combobox', { name: 'Change' }).click();
  await page.getByRole('option', { name: 'Shift dates' }).click();
  await shiftBar.getByLabel('By days (− earlier)').fill('7');
  await shiftBar.getByRole('button', { name: 'Apply to 3 milestones' }).click();
  await expect(page.getByText('Updated 3 milestones').last()).toBeVisible();
  const shifted = await rows(page, coalitionId);
  for (const t of ['Consult capitals', 'Regional meeting', 'Signing ceremony']) {
    const b = afterStatus.get(t)!;
    const a = shifted.get(t)!;
    expect(daysBetween(b.dueDate, a.dueDate), `${t} due`).toBe(7);
    if (b.startDate) expect(daysBetween(b.startDate, a.startDate!), `${t} start`).toBe(7);
  }
  expect(shifted.get('Overdue draft')!.dueDate).toBe(afterStatus.get('Overdue draft')!.dueDate);

  // The phone layout with a selection, for the record.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByRole('checkbox', { name: 'Select Overdue draft' }).click();
  await page.getByRole('checkbox', { name: 'Select Consult capitals' }).click({ modifiers: ['Shift'] });
  await expect(page.getByRole('toolbar', { name: '2 milestones selected' })).toBeVisible();
  await keepScreenshot(page, testInfo, 'list-selection-375');
});

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

test('arrow keys in the status select browse without saving; Enter saves once', async ({ page }) => {
  const coalitionId = await setUp(page);
  const ms = await rows(page, coalitionId);
  const target = ms.get('Signing ceremony')!;
  const count0 = await historyCount(page, coalitionId, target.id);
  await page.goto(`/c/${coalitionId}/milestones`);

  const select = page.getByRole('combobox', { name: 'Status of Signing ceremony' });
  await select.focus();
  await page.keyboard.press('ArrowDown'); // in progress
  await page.keyboard.press('ArrowDown'); // at risk
  await page.keyboard.press('ArrowDown'); // blocked
  await expect(select).toHaveValue('blocked');
  // Give any save a chance to happen: none did.
  await page.waitForTimeout(700);
  expect(await historyCount(page, coalitionId, target.id)).toBe(count0);
  expect((await rows(page, coalitionId)).get('Signing ceremony')!.status).toBe('planned');

  await page.keyboard.press('Enter');
  await expect.poll(() => historyCount(page, coalitionId, target.id)).toBe(count0 + 1);
  expect((await rows(page, coalitionId)).get('Signing ceremony')!.status).toBe('blocked');

  // Browsing then leaving the control (Tab) commits once too; Escape puts the saved value back.
  await select.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Escape');
  await expect(select).toHaveValue('blocked');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp'); // in progress
  await page.keyboard.press('Tab');
  await expect.poll(() => historyCount(page, coalitionId, target.id)).toBe(count0 + 2);
  expect((await rows(page, coalitionId)).get('Signing ceremony')!.status).toBe('in_progress');
});

test('leaving a milestone with unsaved edits asks first (link, back button, closing the tab)', async ({ page }) => {
  const coalitionId = await setUp(page);
  const ms = await rows(page, coalitionId);
  const m = ms.get('Consult capitals')!;
  await page.goto(`/c/${coalitionId}/milestones`);
  await page.getByRole('link', { name: 'Consult capitals' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consult capitals' })).toBeVisible();

  // Nothing edited: leaving is silent.
  await page.getByRole('link', { name: 'Milestones', exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/c/${coalitionId}/milestones$`));
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Consult capitals' })).toBeVisible();

  const title = page.getByRole('form', { name: 'Edit milestone' }).getByLabel('Title');
  await title.fill('Consult capitals and regions');

  // An in-app link: asked, and "Keep editing" stays with the edit.
  await page.getByRole('link', { name: 'Milestones', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/milestones/${m.id}$`));
  await expect(title).toHaveValue('Consult capitals and regions');

  // Closing the tab: the browser's own prompt (beforeunload) is set.
  const unload = page.waitForEvent('dialog');
  void page.close({ runBeforeUnload: true });
  const prompt = await unload;
  expect(prompt.type()).toBe('beforeunload');
  await prompt.dismiss();
  expect(page.isClosed()).toBe(false);

  // The back button: asked too (the step is held, so Playwright's goBack never sees it finish);
  // leaving goes back to the list and forgets the edit.
  await page.goBack({ timeout: 1500 }).catch(() => null);
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/milestones/${m.id}$`));
  await dialog.getByRole('button', { name: 'Discard changes and leave' }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${coalitionId}/milestones$`));
  expect((await rows(page, coalitionId)).get('Consult capitals')!.version).toBe(m.version);
  await page.getByRole('link', { name: 'Consult capitals' }).click();
  await expect(page.getByRole('form', { name: 'Edit milestone' }).getByLabel('Title')).toHaveValue('Consult capitals');
});
