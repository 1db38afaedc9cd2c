/**
 * Undo from the toast: A deletes a milestone (with a dependency and a comment) and undoes it;
 * B, on the milestone list in another browser, sees it go and come back live, and finds its
 * dependency and comment again. Then a role cleared in the matrix comes back the same way.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { newUser, signUp, signUpWithWorldSummit, trpc } from './support.ts';

type Result<T> = { result: { data: T } };

/** B joins A's coalition as an editor (invitation made and accepted through the API: the UI flow has its own test). */
async function joinAsEditor(a: Page, b: Page, coalitionId: string, name: string) {
  const user = newUser(name);
  const inv = await trpc<Result<{ link: string }>>(a, 'invitation.create', { coalitionId, email: user.email, role: 'editor' });
  const token = new URL(inv.body.result.data.link).pathname.split('/').pop()!;
  await signUp(b, user);
  const accepted = await trpc(b, 'invitation.accept', { token });
  expect(accepted.status).toBe(200);
}

/** What the person sees (the toast is fixed to the viewport), once the toast has settled. */
async function viewportShot(page: Page, testInfo: TestInfo, name: string) {
  await page.waitForTimeout(600);
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const toast = (page: Page, text: string | RegExp) => page.locator('[data-sonner-toast]').filter({ hasText: text });

test('A deletes a milestone and undoes it from the toast; B sees it go and come back, with its dependency and comment', async ({ browser }, testInfo) => {
  // Two sign-ups, a template and a 10-second wait on a shared machine.
  test.setTimeout(150_000);
  const a = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const b = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const coalitionId = await signUpWithWorldSummit(a, newUser('Ursula'));
  await joinAsEditor(a, b, coalitionId, 'Ulrich');

  const first = await trpc<Result<{ items: { id: string; title: string }[] }>>(a, 'milestone.list', { coalitionId, limit: 1 }, 'query');
  const before = first.body.result.data.items[0]!;
  const title = 'Undo-able consultation round';
  const created = await trpc<Result<{ id: string }>>(a, 'milestone.create', { coalitionId, title, dueDate: '2030-01-15', dependsOn: [before.id] });
  const milestoneId = created.body.result.data.id;
  await trpc(a, 'comment.add', { coalitionId, targetType: 'milestone', targetId: milestoneId, body: 'Keep this thread, please.' });

  await b.goto(`/c/${coalitionId}/milestones`);
  await b.getByLabel('Search').first().fill('Undo-able');
  const bRow = b.getByRole('main').getByText(title);
  await expect(bRow).toBeVisible();

  await a.goto(`/c/${coalitionId}/milestones/${milestoneId}`);
  await a.getByRole('button', { name: 'Delete', exact: true }).click();
  await a.getByRole('button', { name: 'Delete milestone' }).click();
  const deleted = toast(a, `Deleted “${title}”`);
  await expect(deleted).toBeVisible();
  const shown = Date.now();
  await expect(bRow).toHaveCount(0);
  await viewportShot(a, testInfo, 'toast-undo-1280');

  // The toast still offers Undo 10 seconds after it appeared.
  await a.waitForTimeout(Math.max(0, shown + 10_000 - Date.now()));
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(toast(a, `Restored “${title}”`)).toBeVisible();
  await expect(bRow).toBeVisible();

  await b.getByRole('main').getByRole('link', { name: title }).click();
  await expect(b.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(b.getByRole('main').getByRole('link', { name: before.title }).first()).toBeVisible();
  await expect(b.getByText('Keep this thread, please.')).toBeVisible();
  await expect(b.getByText(/restored the deleted milestone/).first()).toBeVisible();
});

test('a role cleared in the matrix comes back from the toast (375 px wide), for the other editor too', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const a = await (await browser.newContext({ viewport: { width: 375, height: 760 } })).newPage();
  const b = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const coalitionId = await signUpWithWorldSummit(a, newUser('Ulla'));
  await joinAsEditor(a, b, coalitionId, 'Uwe');
  const matrix = await trpc<Result<{ assignments: { partnerId: string; trackId: string; role: string }[]; partners: { id: string; name: string }[]; tracks: { id: string; name: string }[] }>>(
    a,
    'assignment.matrix',
    { coalitionId },
    'query',
  );
  const m = matrix.body.result.data;
  const lead = m.assignments.find((x) => x.role === 'lead')!;
  const partner = m.partners.find((p) => p.id === lead.partnerId)!.name;
  const track = m.tracks.find((t) => t.id === lead.trackId)!.name;
  const cellTitle = `${partner} on ${track}`;

  await a.goto(`/c/${coalitionId}/tracks`);
  await b.goto(`/c/${coalitionId}/tracks`);
  await expect(b.getByTitle(`${cellTitle}: Lead`)).toBeVisible();
  const cell = a.getByTitle(`${cellTitle}: Lead`);
  await cell.focus();
  await a.keyboard.press('Delete');
  await expect(a.getByTitle(`${cellTitle}: No role`)).toBeVisible();
  await expect(b.getByTitle(`${cellTitle}: No role`)).toBeVisible();
  const removed = toast(a, `Removed ${partner} from ${track} (was lead)`);
  await expect(removed).toBeVisible();
  await viewportShot(a, testInfo, 'toast-undo-375');
  await removed.getByRole('button', { name: 'Undo' }).click();
  await expect(toast(a, `${partner} is back on ${track}`)).toBeVisible();
  await expect(a.getByTitle(`${cellTitle}: Lead`)).toBeVisible();
  await expect(b.getByTitle(`${cellTitle}: Lead`)).toBeVisible();

  // The key help names the letter O and the digit 0, which look alike.
  await expect(a.getByText('(letter O)')).toBeVisible();
  await expect(a.getByText('(zero)')).toBeVisible();
});
