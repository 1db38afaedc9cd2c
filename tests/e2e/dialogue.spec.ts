import { expect, test } from '@playwright/test';
import { expectAccessible, keepScreenshot, newUser, signUp, signUpWithWorldSummit, trpc } from './support.ts';

/**
 * The policy dialogue log on a partner: A logs a meeting with a next step for B; B sees it in
 * the inbox and the partner's log (live), and marks it done.
 */
test('logging an interaction with a next step reaches the responsible member, who marks it done', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  const coalitionId = await signUpWithWorldSummit(a, newUser('Amara'));
  const bUser = newUser('Bilal');
  const inv = await trpc<{ result: { data: { link: string } } }>(a, 'invitation.create', { coalitionId, email: bUser.email, role: 'editor' });
  await signUp(b, bUser);
  expect((await trpc(b, 'invitation.accept', { token: new URL(inv.body.result.data.link).pathname.split('/').pop()! })).status).toBe(200);

  await a.goto(`/c/${coalitionId}/partners`);
  await a.getByRole('button', { name: /Stimson Center/ }).first().click();
  const detail = a.getByRole('dialog', { name: 'Stimson Center' });
  await expect(detail.getByText('No meeting, call or letter logged yet')).toBeVisible();
  await detail.getByRole('button', { name: 'Log an interaction' }).click();

  const form = a.getByRole('dialog', { name: 'Log an interaction' });
  // The nested dialog is on screen, not pushed off by its parent.
  const box = (await form.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  await form.getByLabel('Amara').check();
  await form.getByLabel('Their people').fill('Programme director');
  await form.getByLabel('Summary').fill('Walked through the reform package.');
  await form.getByLabel('Our ask').fill('Co-host a side event');
  // A due date without the step itself is refused beside the field.
  await form.getByLabel('Due').fill('2030-01-15');
  await form.getByRole('button', { name: 'Log interaction' }).click();
  await expect(form.getByText(/Describe the next step/)).toBeVisible();
  await form.getByLabel('What happens next').fill('Send the concept note');
  await form.getByRole('combobox', { name: 'Responsible member' }).click();
  await a.getByRole('option', { name: bUser.name }).click();
  await expectAccessible(a, 'interaction form');
  await form.getByRole('button', { name: 'Log interaction' }).click();
  await expect(form).toBeHidden();

  const log = detail.getByRole('list', { name: 'Dialogue with Stimson Center' });
  await expect(log.getByText('Co-host a side event')).toBeVisible();
  await expect(log.getByText('with Amara')).toBeVisible();
  await expect(log.getByText(/due 15 Jan 2030/)).toBeVisible();
  await keepScreenshot(a, testInfo, 'dialogue-log');

  // B is told, and sees the same log; marking the step done shows for A live.
  await b.goto('/inbox');
  await expect(b.getByText(/logged a meeting with/).first()).toBeVisible();
  await b.goto(`/c/${coalitionId}/partners`);
  await b.getByRole('button', { name: /Stimson Center/ }).first().click();
  const bLog = b.getByRole('dialog', { name: 'Stimson Center' }).getByRole('list', { name: 'Dialogue with Stimson Center' });
  await bLog.getByRole('button', { name: 'Mark done' }).click();
  await expect(bLog.getByText(/^· done /)).toBeVisible();
  await expect(log.getByText(/^· done /)).toBeVisible();

  // The dashboard's coverage counts Stimson (influence 4) as contacted within 30 days.
  await a.goto(`/c/${coalitionId}`);
  const coverage = a.getByRole('region', { name: 'Dialogue coverage' }).or(a.locator('section', { has: a.getByRole('heading', { name: 'Dialogue coverage' }) }));
  await coverage.first().scrollIntoViewIfNeeded();
  await expect(coverage.first().locator('dt', { hasText: '≤ 30 days' }).locator('xpath=following-sibling::dd[1]')).toHaveText('1');
  await keepScreenshot(a, testInfo, 'dialogue-coverage');
});
