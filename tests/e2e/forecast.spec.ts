import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectAccessible, newUser, signIn, signUpWithWorldSummit, trpc, type E2EUser } from './support.ts';

/**
 * The odds of reaching the summit: the dashboard's Forecast card is empty until a milestone
 * carries a ranged estimate; a range set in the milestone editor (refused when out of order)
 * gives the odds by the goal date, the late path's milestones, and a whisker on the timeline.
 * Screenshots of the card, the form group and the timeline, light and dark, 1280 and 375 px.
 */
const SHOTS = '.tmp/shots-forecast';
const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const formatDate = (iso: string) => dateFmt.format(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface Plan {
  coalitionId: string;
  goalDate: string;
  milestone: { id: string; title: string };
}

async function openMilestone(page: Page, plan: Plan): Promise<Plan['milestone']> {
  const list = await trpc<{ result: { data: { items: { id: string; title: string; dueDate: string }[] } } }>(
    page,
    'milestone.list',
    { coalitionId: plan.coalitionId, status: ['planned', 'in_progress'], sortBy: 'dueDate', sortDir: 'desc', limit: 20 },
    'query',
  );
  // The open milestone due last: the one the summit's readiness turns on.
  return list.body.result.data.items[0]!;
}

function card(page: Page): Locator {
  return page.locator('section', { has: page.getByRole('heading', { name: 'Forecast', exact: true }) });
}

test('a ranged estimate gives the odds on the dashboard and a whisker on the timeline', async ({ browser }) => {
  test.setTimeout(240_000);
  const user = newUser('Odile');
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const coalitionId = await signUpWithWorldSummit(page, user);
  const coalition = await trpc<{ result: { data: { goalDate: string } } }>(page, 'coalition.get', { coalitionId }, 'query');
  const plan: Plan = { coalitionId, goalDate: coalition.body.result.data.goalDate, milestone: { id: '', title: '' } };
  plan.milestone = await openMilestone(page, plan);

  // Nothing carries a range yet: the card says how to get the odds.
  await expect(card(page).getByText('Add ranged estimates to open milestones to see the odds')).toBeVisible();
  mkdirSync(SHOTS, { recursive: true });
  await card(page).screenshot({ path: `${SHOTS}/card-empty-light-1280.png` });

  // The editor's Forecast range: out of order is refused beside the field; in order it saves.
  await page.goto(`/c/${coalitionId}/milestones/${plan.milestone.id}`);
  const group = page.getByRole('group', { name: 'Forecast range' });
  await expect(group).toBeVisible();
  await group.getByLabel('Optimistic').fill(addDays(plan.goalDate, -40));
  await group.getByLabel('Likely', { exact: true }).fill(addDays(plan.goalDate, 10));
  await group.getByLabel('Pessimistic').fill(addDays(plan.goalDate, 5));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(group.getByText('The pessimistic date cannot be before the likely one')).toBeVisible();
  await group.getByLabel('Pessimistic').fill(addDays(plan.goalDate, 90));
  await expectAccessible(page, 'milestone editor with a forecast range');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Milestone saved')).toBeVisible();
  const saved = await trpc<{ result: { data: Record<string, unknown> } }>(page, 'milestone.get', { coalitionId, milestoneId: plan.milestone.id }, 'query');
  expect(saved.body.result.data).toMatchObject({ estimateOptimistic: addDays(plan.goalDate, -40), estimatePessimistic: addDays(plan.goalDate, 90) });

  // The dashboard: "N% likely by <goal date>", the ready dates, and the late path linked.
  await page.goto(`/c/${coalitionId}`);
  const forecast = card(page);
  const headline = forecast.getByTestId('forecast-headline');
  await expect(headline).toHaveText(new RegExp(`^\\d{1,2}% likely by ${formatDate(plan.goalDate)}$`));
  const pct = Number((await headline.textContent())!.split('%')[0]);
  expect(pct).toBeGreaterThan(0);
  expect(pct).toBeLessThan(100);
  await expect(forecast.getByText('Ready · P50')).toBeVisible();
  await expect(forecast.getByText('Ready · P95')).toBeVisible();
  await expect(forecast.getByRole('heading', { name: 'Most often on the late path' })).toBeVisible();
  const driver = forecast.getByRole('link', { name: plan.milestone.title });
  await expect(driver).toBeVisible();
  await expectAccessible(page, 'dashboard with the forecast card');

  // The timeline: the milestone's whisker, titled in words, and its legend entry.
  await page.goto(`/c/${coalitionId}/milestones?view=timeline`);
  const whisker = await scrollToWhisker(page, plan.milestone.id);
  await expect(whisker).toBeVisible();
  await expect(whisker).toHaveAttribute('role', 'img');
  await expect(whisker).toHaveAttribute('aria-label', new RegExp(`^${escape(plan.milestone.title)}\\. Forecast: 50% likely by .+, 80% likely by .+, 95% likely by `));
  await expect(page.getByRole('list', { name: 'Legend' }).getByText(/^Forecast:/)).toBeVisible();
  await expectAccessible(page, 'timeline with forecast whiskers');

  // The driver link leads to the milestone.
  await page.goto(`/c/${coalitionId}`);
  await card(page).getByRole('link', { name: plan.milestone.title }).click();
  await expect(page).toHaveURL(new RegExp(`/milestones/${plan.milestone.id}$`));

  await screenshots(browser, user, plan);
});

/** Scrolls the (virtualized) timeline down until the milestone's row, hence its whisker, is rendered, then to the whisker. */
async function scrollToWhisker(page: Page, milestoneId: string): Promise<Locator> {
  const region = page.getByRole('region', { name: /Milestone timeline/ });
  await expect(region.locator('[data-bar]').first()).toBeVisible();
  const whisker = page.locator(`[data-forecast="${milestoneId}"]`);
  for (let i = 0; i < 60 && (await whisker.count()) === 0; i++) {
    await region.evaluate((el) => el.scrollBy(0, el.clientHeight / 2));
    await page.waitForTimeout(100);
  }
  await whisker.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }));
  return whisker;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The card, the form group and the timeline, light and dark, at 1280 and 375 px wide. */
async function screenshots(browser: Browser, user: E2EUser, plan: Plan) {
  mkdirSync(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: theme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, user);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await page.goto(`/c/${plan.coalitionId}`);
      const forecast = card(page);
      await expect(forecast.getByTestId('forecast-headline')).toBeVisible();
      await forecast.scrollIntoViewIfNeeded();
      await forecast.screenshot({ path: `${SHOTS}/card-${theme}-${width}.png` });

      await page.goto(`/c/${plan.coalitionId}/milestones/${plan.milestone.id}`);
      const group = page.getByRole('group', { name: 'Forecast range' });
      await group.scrollIntoViewIfNeeded();
      await group.screenshot({ path: `${SHOTS}/form-${theme}-${width}.png` });
      await page.screenshot({ path: `${SHOTS}/editor-${theme}-${width}.png`, fullPage: true });

      await page.goto(`/c/${plan.coalitionId}/milestones?view=timeline`);
      const whisker = await scrollToWhisker(page, plan.milestone.id);
      await expect(whisker).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/timeline-${theme}-${width}.png` });
    }
    await context.close();
  }
}
