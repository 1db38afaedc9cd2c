import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, newUser, signUp, trpc } from './support.ts';

/**
 * Threshold milestones: A creates "Three states ratify" with its act and threshold, picks the
 * eligible partners (all states), and records ratifications until the threshold is met; B, on the
 * same milestone, sees the count move live. Then the Ottawa template's 40th-ratification milestone,
 * photographed in light and dark at desktop and phone widths.
 */

const SHOTS = '.tmp/shots-thresholds';
mkdirSync(SHOTS, { recursive: true });

async function shoot(page: Page, target: Locator, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await target.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Both themes at both widths: an element shot of `target()` each time. */
async function shootAll(page: Page, target: () => Locator, name: string) {
  for (const width of [1280, 375]) {
    // Tall enough that the element needs no scrolling (the sticky top bar would cover its top).
    await page.setViewportSize({ width, height: 2400 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`));
      await shoot(page, target(), `${name}-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function blankCoalition(page: Page, name: string) {
  const res = await trpc<{ result: { data: { id: string } } }>(page, 'coalition.create', { name, goal: 'Bring the treaty into force', goalDate: '2031-06-01' });
  expect(res.status).toBe(200);
  return res.body.result.data.id;
}

test('a threshold milestone: pick the eligible states, record ratifications until it is reached; a colleague sees the count live', async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await (await browser.newContext({ colorScheme: 'light' })).newPage();
  const b = await (await browser.newContext({ colorScheme: 'light' })).newPage();
  await signUp(a, newUser('Ama'));
  const coalitionId = await blankCoalition(a, 'Treaty coalition');
  for (const [name, kind] of [
    ['Austria', 'state'],
    ['Brazil', 'state'],
    ['Chile', 'state'],
    ['Denmark', 'state'],
    ['Landmine Action', 'civil_society'],
  ] as const) {
    expect((await trpc(a, 'partner.create', { coalitionId, name, kind, country: kind === 'state' ? name : 'International' })).status).toBe(200);
  }
  const bUser = newUser('Bo');
  const inv = await trpc<{ result: { data: { link: string } } }>(a, 'invitation.create', { coalitionId, email: bUser.email, role: 'viewer' });
  await signUp(b, bUser);
  expect((await trpc(b, 'invitation.accept', { token: new URL(inv.body.result.data.link).pathname.split('/').pop()! })).status).toBe(200);

  // Create the milestone with its act and threshold (both or neither).
  await a.goto(`/c/${coalitionId}/milestones`);
  await a.getByRole('button', { name: 'New milestone' }).first().click();
  const dialog = a.getByRole('dialog', { name: 'New milestone' });
  await dialog.getByLabel('Title').fill('Three states ratify');
  await dialog.getByLabel('Due date').fill('2030-12-31');
  const section = dialog.getByRole('region', { name: 'Reached by a count of acts' });
  await section.getByRole('button', { name: /Reached by a count of acts/ }).click();
  await section.getByRole('combobox', { name: 'Act that counts' }).click();
  await a.getByRole('option', { name: 'Ratified' }).click();
  await dialog.getByRole('button', { name: 'Add milestone' }).click();
  await expect(section.getByText('Say how many acts reach the milestone, or clear the act that counts')).toBeVisible();
  await section.getByLabel('How many').fill('3');
  await expect(section.getByText('3 ratifications')).toBeVisible();
  await expectAccessible(a, 'milestone form with its threshold section');
  await dialog.getByRole('button', { name: 'Add milestone' }).click();
  await expect(dialog).toBeHidden();

  const list = await trpc<{ result: { data: { items: { id: string; title: string }[] } } }>(a, 'milestone.list', { coalitionId, search: 'Three states' }, 'query');
  const milestoneId = list.body.result.data.items[0]!.id;
  await a.goto(`/c/${coalitionId}/milestones/${milestoneId}`);
  const card = a.locator('#milestone-whip-count');
  await expect(card.getByText('No eligible partners yet')).toBeVisible();
  await b.goto(`/c/${coalitionId}/milestones/${milestoneId}`);
  const bCard = b.locator('#milestone-whip-count');
  await expect(bCard.getByText('No eligible partners yet')).toBeVisible();
  // A viewer sees the board but no edit controls.
  await expect(bCard.getByRole('button', { name: 'Choose eligible partners' })).toHaveCount(0);

  // Eligible: every state (the quick pick), not the campaign.
  await card.getByRole('button', { name: 'Choose eligible partners' }).click();
  const eligible = a.getByRole('dialog', { name: 'Eligible partners' });
  await eligible.getByRole('button', { name: 'All state actors (4)' }).click();
  await expect(eligible.getByText('4 selected')).toBeVisible();
  await eligible.getByLabel('Search partners').fill('land');
  await expect(eligible.getByRole('checkbox', { name: /Landmine Action/ })).not.toBeChecked();
  await eligible.getByLabel('Search partners').fill('');
  await expectAccessible(a, 'eligible partners dialog');
  await eligible.getByRole('button', { name: 'Save eligible partners' }).click();
  await expect(eligible).toBeHidden();
  await expect(card.getByTestId('threshold-count')).toHaveText('0 of 3 ratifications');
  await expect(card.getByTestId('threshold-pace')).toHaveText('Not enough acts yet to tell when the 3rd ratification comes.');
  await expect(bCard.getByTestId('threshold-count')).toHaveText('0 of 3 ratifications');

  // Record ratifications: the row's button opens the form with the partner, the act and today.
  for (const [i, name] of ['Austria', 'Brazil', 'Chile'].entries()) {
    await card.getByRole('button', { name: `Record the ratification of ${name}` }).click();
    const form = a.getByRole('dialog', { name: `Record an act of ${name}` });
    await expect(form.getByRole('combobox', { name: 'Act' })).toHaveText(/Ratified/);
    if (i === 0) {
      // Never in the future.
      await form.getByLabel('Date').fill('2099-01-01');
      await form.getByRole('button', { name: 'Record act' }).click();
      await expect(form.getByText(/An act is recorded once it has happened/)).toBeVisible();
      const today = await a.evaluate(() => new Date().toISOString().slice(0, 10));
      await form.getByLabel('Date').fill(today);
      await form.getByLabel('Note').fill('Deposited in New York');
      await expectAccessible(a, 'act form');
    }
    await form.getByRole('button', { name: 'Record act' }).click();
    await expect(form).toBeHidden();
    await expect(card.getByTestId('threshold-count')).toHaveText(`${i + 1} of 3 ratifications`);
    // The colleague's screen follows, live.
    await expect(bCard.getByTestId('threshold-count')).toHaveText(`${i + 1} of 3 ratifications`);
  }
  // Reached: the milestone is done, and the pace line says when.
  await expect(card.getByTestId('threshold-pace')).toContainText('Reached: the 3rd ratification came on');
  await expect(a.getByRole('heading', { level: 1 }).locator('..').getByText('Done')).toBeVisible();
  await expect(b.getByRole('heading', { level: 1 }).locator('..').getByText('Done')).toBeVisible();
  const committed = card.getByRole('region', { name: 'Committed' }).or(card.locator('section', { has: a.getByRole('heading', { name: 'Committed' }) }));
  await expect(committed.first().getByTestId('whip-partner')).toHaveCount(3);

  // Deleting one record takes it back below the threshold: in progress again.
  await card.getByRole('button', { name: /Edit: Chile ratified/ }).click();
  const edit = a.getByRole('dialog', { name: 'Edit the record of Chile' });
  await edit.getByRole('button', { name: 'Delete this record' }).click();
  await edit.getByRole('button', { name: 'Click again to delete this record' }).click();
  await expect(edit).toBeHidden();
  await expect(card.getByTestId('threshold-count')).toHaveText('2 of 3 ratifications');
  await expect(bCard.getByTestId('threshold-count')).toHaveText('2 of 3 ratifications');
  await expect(a.getByRole('heading', { level: 1 }).locator('..').getByText('In progress')).toBeVisible();
  await expectAccessible(a, 'whip count');

  // The list shows the count beside the threshold.
  await a.goto(`/c/${coalitionId}/milestones`);
  await expect(a.getByText('2/3', { exact: true })).toBeVisible();
  await a.screenshot({ path: `${SHOTS}/list-1280-light.png` });
});

test('the Ottawa template’s 40th ratification: the whip board and the threshold section, light and dark, desktop and phone', async ({ browser }) => {
  test.setTimeout(240_000);
  const page = await (await browser.newContext({ colorScheme: 'light' })).newPage();
  await signUp(page, newUser('Lloyd'));
  const res = await trpc<{ result: { data: { id: string } } }>(page, 'coalition.createFromTemplate', { templateId: 'ottawa-landmines', startToday: true });
  expect(res.status).toBe(200);
  const coalitionId = res.body.result.data.id;
  const list = await trpc<{ result: { data: { items: { id: string }[] } } }>(page, 'milestone.list', { coalitionId, search: '40th ratification' }, 'query');
  await page.goto(`/c/${coalitionId}/milestones/${list.body.result.data.items[0]!.id}`);
  const card = page.locator('#milestone-whip-count');
  await expect(card.getByTestId('threshold-count')).toHaveText('9 of 40 ratifications');
  await expect(card.getByRole('button', { name: /Edit: Burkina Faso ratified/ })).toBeVisible();
  await expect(card.getByTitle('United States')).toBeVisible();
  await shootAll(page, () => card, 'whip-board');

  // The threshold section of the milestone's own form, opened.
  const section = page.locator('#milestone-details').getByRole('region', { name: 'Reached by a count of acts' });
  await expect(section.getByRole('combobox', { name: 'Act that counts' })).toHaveText(/Ratified/);
  await expect(section.getByRole('button', { name: 'Set to two-thirds of 10 eligible: 7' })).toBeVisible();
  await shootAll(page, () => section, 'threshold-section');

  // The eligible partners and the act forms, as a phone shows them.
  await page.setViewportSize({ width: 375, height: 800 });
  await card.getByRole('button', { name: 'Eligible partners' }).click();
  const eligible = page.getByRole('dialog', { name: 'Eligible partners' });
  await expect(eligible.getByText('10 selected')).toBeVisible();
  await eligible.screenshot({ path: `${SHOTS}/eligible-375-light.png` });
  await eligible.getByRole('button', { name: 'Cancel' }).click();
  await page.setViewportSize({ width: 1280, height: 900 });
  await card.getByRole('button', { name: 'Record the ratification of United States' }).click();
  const form = page.getByRole('dialog', { name: 'Record an act of United States' });
  await form.screenshot({ path: `${SHOTS}/act-form-1280-light.png` });
});
