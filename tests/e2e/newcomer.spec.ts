import { expect, test, type Page } from '@playwright/test';
import { keepScreenshot, newUser, signUp, signUpWithWorldSummit, trpc } from './support.ts';

/**
 * Rough edges a newcomer hit in a new, blank coalition: the momentum chart draws a line from the
 * first day (not two lone dots), counts read "1 milestone", progress above 0 moves a planned
 * milestone to in progress, and the critical path marks its done steps as done.
 */
type Created<T> = { result: { data: T } };
const today = () => new Date().toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

async function blankCoalition(page: Page) {
  const res = await trpc<Created<{ id: string }>>(page, 'coalition.create', { name: 'Fresh coalition', goal: 'A new treaty', goalDate: addDays(today(), 400) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.result.data.id;
}

async function milestone(page: Page, coalitionId: string, fields: Record<string, unknown>) {
  const res = await trpc<Created<{ id: string; title: string }>>(page, 'milestone.create', { coalitionId, ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.result.data;
}

test('a new coalition: the momentum chart is a line from day one, and counts read in the singular', async ({ page }, testInfo) => {
  await signUp(page, newUser('Nadia'));
  const coalitionId = await blankCoalition(page);
  await page.goto(`/c/${coalitionId}`);
  await expect(page.getByText('This plan is empty so far')).toBeVisible();
  // The first milestone completed in the coalition's first week: one week of data.
  await milestone(page, coalitionId, { title: 'Founding statement', dueDate: today(), status: 'done' });
  await page.reload();
  await expect(page.getByText(/^1 milestone$/).first()).toBeVisible();
  await expect(page.getByText('in the last 4 weeks: 1 milestone, 0 partners.', { exact: false })).toBeVisible();
  // The chart loads when it scrolls near; each series is a path through at least two points.
  await page.getByRole('heading', { name: 'Momentum' }).scrollIntoViewIfNeeded();
  const chart = page.locator('figure', { has: page.locator('figcaption', { hasText: 'Cumulative milestones completed' }) });
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('figcaption')).toContainText('now 1 milestone and 0 partners');
  await expect(chart.locator('.recharts-area-curve').first()).toHaveAttribute('d', /^M[^M]*[LHV]/);
  await expect(page.getByText(/\b1 (milestones|partners|lanes|dependencies)\b/)).toHaveCount(0);
  await keepScreenshot(page, testInfo, 'new-coalition-dashboard');
});

test('progress above 0 on a planned milestone makes it in progress; the critical path marks done steps done', async ({ page }) => {
  await signUp(page, newUser('Omar'));
  const coalitionId = await blankCoalition(page);
  const first = await milestone(page, coalitionId, { title: 'Zero draft circulated', dueDate: addDays(today(), -3), status: 'done' });
  const next = await milestone(page, coalitionId, { title: 'First reading', dueDate: addDays(today(), 30), dependsOn: [first.id] });

  await page.goto(`/c/${coalitionId}/milestones`);
  const status = page.getByLabel('Status of First reading');
  await expect(status).toHaveValue('planned');
  await page.getByLabel('Progress of First reading (percent)').selectOption('30');
  await page.keyboard.press('Tab');
  await expect(status).toHaveValue('in_progress');
  const saved = await trpc<Created<{ status: string; progress: number }>>(page, 'milestone.get', { coalitionId, milestoneId: next.id }, 'query');
  expect(saved.body.result.data).toMatchObject({ status: 'in_progress', progress: 30 });

  await page.goto(`/c/${coalitionId}`);
  const path = page.getByRole('heading', { name: 'Critical path' }).locator('xpath=ancestor::section[1]');
  const done = path.getByRole('listitem').filter({ hasText: 'Zero draft circulated' });
  await expect(done).toContainText(/done \d{1,2} \w{3} \d{4}/);
  await expect(path.getByRole('listitem').filter({ hasText: 'First reading' })).not.toContainText(/done \d/);
});

test('the demo plan, moved to today, states no year that contradicts it', async ({ page }) => {
  const coalitionId = await signUpWithWorldSummit(page, newUser('Petra'));
  const list = await trpc<Created<{ items: { title: string; dueDate: string }[] }>>(page, 'milestone.list', { coalitionId, limit: 200 }, 'query');
  const items = list.body.result.data.items;
  expect(items.length).toBeGreaterThan(20);
  for (const m of items) expect(m.title, `${m.title} (due ${m.dueDate})`).not.toMatch(/\b(19|20)\d{2}\b/);
  await page.goto(`/c/${coalitionId}/milestones`);
  await expect(page.getByRole('heading', { level: 1, name: 'Milestones' })).toBeVisible();
  await expect(page.getByText(/COP25/).first()).toBeVisible();
  await expect(page.getByText(/\b2019\b/)).toHaveCount(0);
});
