import { expect, test } from '@playwright/test';
import { expectAccessible, keepScreenshot, newUser, signUpWithWorldSummit, signUp, trpc } from './support.ts';

test('sign up, create from the World Summit template, and see tracks and progress on the dashboard', async ({ page }, testInfo) => {
  const coalitionId = await signUpWithWorldSummit(page, newUser('Ada'));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('World Summit');
  const tracks = page.getByRole('heading', { name: 'Progress by track' }).locator('xpath=ancestor::section[1]');
  for (const name of ['UN Security Council & Peacebuilding reform', 'Climate governance', 'Cyber governance']) {
    await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  }
  void tracks;
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  await expect(page.getByText(/milestones done/).first()).toBeVisible();
  await expect(page.getByText(/completed and/).first()).toBeVisible(); // momentum summary
  // One voice: the Schedule tile and the critical path card give the same verdict, and the
  // home card the same percentage as the dashboard.
  const verdict = (await page.getByText('Schedule (critical path)').locator('xpath=following-sibling::p[1]').textContent())?.trim();
  expect(verdict).toMatch(/late|slack/);
  const pathCard = page.getByRole('heading', { name: 'Critical path' }).locator('xpath=ancestor::section[1]');
  await expect(pathCard.getByText(verdict!, { exact: true })).toBeVisible();
  const overall = (await page.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow'))!;
  await page.goto('/');
  const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: /World Summit/ }) });
  await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', overall);
  await page.goto(`/c/${coalitionId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('World Summit');
  await keepScreenshot(page, testInfo, 'dashboard');
  await expectAccessible(page, 'dashboard');
});

test('add a partner and make it lead of a track in the matrix', async ({ page }, testInfo) => {
  const coalitionId = await signUpWithWorldSummit(page, newUser('Ben'));
  await page.goto(`/c/${coalitionId}/partners`);
  await page.getByRole('button', { name: 'Add partner' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Estonia');
  await dialog.getByRole('button', { name: 'Add partner' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Estonia' }).or(page.getByText('Estonia').first()).first()).toBeVisible();
  await keepScreenshot(page, testInfo, 'partners');
  await expectAccessible(page, 'partners');

  await page.goto(`/c/${coalitionId}/tracks`);
  // The Cyber governance track has no lead in the template: the gap stands out.
  await expect(page.getByText(/has no lead|have no lead/).first()).toBeVisible();
  const cell = page.getByTitle(/^Estonia on Cyber governance:/);
  await cell.focus();
  await page.keyboard.press('l');
  await expect(page.getByTitle('Estonia on Cyber governance: Lead')).toBeVisible();
  await page.reload();
  await expect(page.getByTitle('Estonia on Cyber governance: Lead')).toBeVisible();
  await keepScreenshot(page, testInfo, 'tracks-matrix');
  await expectAccessible(page, 'tracks and matrix');
});

test('add a milestone with a dependency, mark it done, and the dashboard progress and momentum move', async ({ page }, testInfo) => {
  const coalitionId = await signUpWithWorldSummit(page, newUser('Cleo'));
  const before = await trpc<{ result: { data: { progress: { coalition: { progress: number; doneCount: number; milestoneCount: number } }; momentum: { cumulativeMilestones: number }[] } } }>(
    page,
    'coalition.dashboard',
    { coalitionId },
    'query',
  );
  const b = before.body.result.data;
  const timeline = await trpc<{ result: { data: { milestones: { status: string; progress: number }[] } } }>(page, 'milestone.timeline', { coalitionId }, 'query');
  const counted = timeline.body.result.data.milestones.filter((m) => m.status !== 'dropped');
  const progressSum = counted.reduce((sum, m) => sum + (m.status === 'done' ? 100 : m.progress), 0);
  expect(counted.length).toBe(b.progress.coalition.milestoneCount);

  await page.goto(`/c/${coalitionId}/milestones`);
  await page.getByRole('button', { name: 'New milestone' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Cyber norms roundtable held');
  await dialog.getByLabel('Due date').fill('2030-06-01');
  await dialog.getByLabel('Depends on').fill('Summit');
  const option = page.getByRole('option', { name: /Summit/ }).first();
  const dependencyTitle = (await option.textContent())!.replace(/due .*$/, '').trim();
  await option.click();
  await expect(dialog.getByRole('list', { name: 'Depends on: chosen' })).toContainText(dependencyTitle.slice(0, 20));
  await dialog.getByLabel('Title').click(); // closes the suggestions
  await dialog.getByRole('button', { name: 'Add milestone' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('searchbox').or(page.getByLabel('Search')).first().fill('Cyber norms roundtable');
  const link = page.getByRole('link', { name: 'Cyber norms roundtable held' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cyber norms roundtable held');
  await expect(page.getByText(dependencyTitle.slice(0, 20)).first()).toBeVisible();
  await keepScreenshot(page, testInfo, 'milestone-detail');
  await expectAccessible(page, 'milestone detail');

  // Mark it done through the editor.
  await page.getByLabel('Status').first().click();
  await page.getByRole('option', { name: 'Done' }).click();
  await page.getByRole('button', { name: /save/i }).first().click();
  await expect(page.getByText(/saved|updated/i).first()).toBeVisible();

  await page.goto(`/c/${coalitionId}`);
  const after = await trpc<typeof before.body>(page, 'coalition.dashboard', { coalitionId }, 'query');
  const a = after.body.result.data;
  expect(a.progress.coalition.doneCount).toBe(b.progress.coalition.doneCount + 1);
  expect(a.progress.coalition.milestoneCount).toBe(b.progress.coalition.milestoneCount + 1);
  // One more milestone, at 100%: the overall average is recomputed over all of them.
  expect(a.progress.coalition.progress).toBe(Math.round((progressSum + 100) / a.progress.coalition.milestoneCount));
  await expect(page.getByText(`${a.progress.coalition.doneCount} of ${a.progress.coalition.milestoneCount} milestones done`).first()).toBeVisible();
  expect(a.momentum.at(-1)!.cumulativeMilestones).toBe(b.momentum.at(-1)!.cumulativeMilestones + 1);
  await expect(page.getByText(`${a.progress.coalition.progress}%`).first()).toBeVisible();
  await expect(page.getByText(`${a.momentum.at(-1)!.cumulativeMilestones} milestones`).first()).toBeVisible();
});

test('a viewer sees the plan read-only, and a forged edit is refused', async ({ browser }, testInfo) => {
  const ownerPage = await (await browser.newContext()).newPage();
  const coalitionId = await signUpWithWorldSummit(ownerPage, newUser('Owen'));
  const viewer = newUser('Vic');
  const inv = await trpc<{ result: { data: { link: string } } }>(ownerPage, 'invitation.create', { coalitionId, email: viewer.email, role: 'viewer' });
  const link = inv.body.result.data.link;

  const page = await (await browser.newContext()).newPage();
  await signUp(page, viewer);
  await page.goto(new URL(link).pathname);
  await page.getByRole('button', { name: /accept|join/i }).click();
  await page.waitForURL(new RegExp(`/c/${coalitionId}`));

  const milestones = await trpc<{ result: { data: { items: { id: string; title: string; version: number; status: string }[] } } }>(
    page,
    'milestone.list',
    { coalitionId, limit: 5 },
    'query',
  );
  const m = milestones.body.result.data.items[0]!;
  for (const path of ['partners', 'tracks', 'milestones', 'bottlenecks']) {
    await page.goto(`/c/${coalitionId}/${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: /^(add|new) /i })).toHaveCount(0);
  }
  await page.goto(`/c/${coalitionId}/milestones/${m.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.title);
  await expect(page.getByRole('button', { name: /save|delete/i })).toHaveCount(0);
  await keepScreenshot(page, testInfo, 'viewer-milestone');

  const forged = await trpc<{ error: { data: { code: string } } }>(page, 'milestone.update', {
    coalitionId,
    milestoneId: m.id,
    version: m.version,
    status: 'dropped',
  });
  expect(forged.status).toBe(403);
  expect(forged.body.error.data.code).toBe('FORBIDDEN');
  const again = await trpc<{ result: { data: { status: string; version: number } } }>(page, 'milestone.get', { coalitionId, milestoneId: m.id }, 'query');
  expect(again.body.result.data).toMatchObject({ status: m.status, version: m.version });
});

test('an invalid form shows its errors beside the fields', async ({ page }, testInfo) => {
  await signUp(page, newUser('Dee'));
  await page.goto('/new');
  await page.getByRole('tab', { name: 'Blank' }).click();
  await page.getByRole('button', { name: /create/i }).last().click();
  for (const label of ['Name', 'Goal', 'Goal date']) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field, label).toHaveAttribute('aria-invalid', 'true');
    const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(texts.join(' '), label).toMatch(/required|enter|choose|date/i);
  }
  await keepScreenshot(page, testInfo, 'new-coalition-errors');
  expect(new URL(page.url()).pathname).toBe('/new');
});

test('a server-side rule shows beside its field: start after due in a milestone', async ({ page }) => {
  const coalitionId = await signUpWithWorldSummit(page, newUser('Eve'));
  await page.goto(`/c/${coalitionId}/milestones`);
  await page.getByRole('button', { name: 'New milestone' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Backwards milestone');
  await dialog.getByLabel('Start date').fill('2031-01-01');
  await dialog.getByLabel('Due date').fill('2030-01-01');
  await dialog.getByRole('button', { name: /create|add milestone/i }).click();
  const start = dialog.getByLabel('Start date');
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toBeVisible();
  const list = await trpc<{ result: { data: { items: unknown[] } } }>(page, 'milestone.list', { coalitionId, search: 'Backwards' }, 'query');
  expect(list.body.result.data.items).toHaveLength(0);
});

test('an expired session keeps what was typed: sign in again in a new tab, then save', async ({ page, context }) => {
  const user = newUser('Sam');
  const coalitionId = await signUpWithWorldSummit(page, user);
  await page.goto(`/c/${coalitionId}/milestones`);
  await page.getByRole('button', { name: 'New milestone' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('Typed before the session expired');
  await dialog.getByLabel('Due date').fill('2030-03-01');

  await context.clearCookies(); // the session is gone
  await dialog.getByRole('button', { name: 'Add milestone' }).click();
  await expect(dialog.getByText('Your session expired')).toBeVisible();
  await expect(dialog.getByLabel('Title')).toHaveValue('Typed before the session expired');
  expect(new URL(page.url()).pathname).toBe(`/c/${coalitionId}/milestones`);

  const [tab] = await Promise.all([context.waitForEvent('page'), dialog.getByRole('link', { name: 'Sign in again in a new tab' }).click()]);
  await tab.getByLabel('Email').fill(user.email);
  await tab.getByLabel('Password').fill(user.password);
  await tab.getByRole('button', { name: /^sign in$/i }).click();
  await tab.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await tab.close();

  await dialog.getByRole('button', { name: 'Add milestone' }).click();
  await expect(dialog).toBeHidden();
  const list = await trpc<{ result: { data: { items: { title: string }[] } } }>(page, 'milestone.list', { coalitionId, search: 'Typed before' }, 'query');
  expect(list.body.result.data.items.map((m) => m.title)).toEqual(['Typed before the session expired']);
});
