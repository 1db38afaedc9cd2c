import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot, newUser, signUp, signUpWithWorldSummit, trpc } from './support.ts';

const SHOTS = '.tmp/shots-positions';

/** The day `days` before `iso` (YYYY-MM-DD, calendar arithmetic in UTC). */
const daysBefore = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

async function openPartner(page: Page, coalitionId: string, name: string) {
  await page.goto(`/c/${coalitionId}/partners`);
  await page.getByRole('button', { name }).first().click();
  return page.getByRole('dialog', { name });
}

/**
 * Light and dark, 1280 and 375 px wide: `target` (the viewport when null) once `show` has put it
 * in view, kept under .tmp/shots-positions.
 */
async function shots(page: Page, name: string, target: (() => Locator) | null, show: () => Promise<void>) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await show();
      const path = `${SHOTS}/${name}-${scheme}-${width}.png`;
      if (target) await target().screenshot({ path });
      else await page.screenshot({ path });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * Positions over time: A records Germany's position as shown in a meeting (from the interaction
 * form) and on a track (from the partner's position form); B, on the same partner, sees it live;
 * the dashboard's support growth counts it and the map shows Germany moved up.
 */
test('a position shown in an interaction reaches the partner, the support chart and the map', async ({ browser }) => {
  test.setTimeout(240_000);
  const a = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const b = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const coalitionId = await signUpWithWorldSummit(a, newUser('Amara'));
  const bUser = newUser('Bilal');
  const inv = await trpc<{ result: { data: { link: string } } }>(a, 'invitation.create', { coalitionId, email: bUser.email, role: 'editor' });
  await signUp(b, bUser);
  expect((await trpc(b, 'invitation.accept', { token: new URL(inv.body.result.data.link).pathname.split('/').pop()! })).status).toBe(200);

  // Four months ago Germany was sceptical (recorded then).
  const current = await trpc<{ result: { data: { today: string } } }>(a, 'position.current', { coalitionId }, 'query');
  const today = current.body.result.data.today;
  const partners = await trpc<{ result: { data: { id: string; name: string }[] } }>(a, 'partner.list', { coalitionId }, 'query');
  const germany = partners.body.result.data.find((p) => p.name === 'Germany')!;
  expect((await trpc(a, 'position.record', { coalitionId, partnerId: germany.id, position: 'sceptical', shownOn: daysBefore(today, 120) })).status).toBe(200);

  // B has Germany open.
  const bDetail = await openPartner(b, coalitionId, 'Germany');
  await expect(bDetail.getByTestId('current-position')).toContainText('Sceptical');

  // A logs a meeting today where Germany showed it is supportive.
  const detail = await openPartner(a, coalitionId, 'Germany');
  await detail.getByRole('button', { name: 'Log an interaction' }).click();
  const form = a.getByRole('dialog', { name: 'Log an interaction' });
  await form.getByLabel('Summary').fill('Reframed the package as renewal of the Charter’s promise.');
  await form.getByRole('combobox', { name: 'Position shown' }).click();
  await a.getByRole('option', { name: 'Supportive' }).click();
  await expectAccessible(a, 'interaction form with the position shown');
  mkdirSync(SHOTS, { recursive: true });
  await form.getByRole('combobox', { name: 'Position shown' }).scrollIntoViewIfNeeded();
  await a.screenshot({ path: `${SHOTS}/interaction-form-light-1280.png` });
  await form.getByRole('button', { name: 'Log interaction' }).click();
  await expect(form).toBeHidden();
  const history = detail.getByRole('list', { name: 'Positions of Germany over time' });
  await expect(history.getByText(/Shown in the meeting of/)).toBeVisible();
  await expect(detail.getByTestId('current-position')).toContainText('Supportive');

  // B sees it live, with the meeting it came from.
  await expect(bDetail.getByTestId('current-position')).toContainText('Supportive');
  await expect(bDetail.getByRole('list', { name: 'Positions of Germany over time' }).getByText(/Shown in the meeting of/)).toBeVisible();

  // A records Germany's position on one track, as shown in that meeting (the day follows it).
  await detail.getByRole('button', { name: 'Record a position' }).click();
  const record = a.getByRole('dialog', { name: 'Record a position' });
  await record.getByRole('combobox', { name: 'Position', exact: true }).click();
  await a.getByRole('option', { name: 'Champion' }).click();
  await record.getByRole('combobox', { name: 'Goal or track' }).click();
  await a.getByRole('option', { name: /Global economic governance/ }).click();
  await record.getByLabel('Shown on').fill(daysBefore(today, 3));
  await record.getByRole('combobox', { name: 'Shown in' }).click();
  await a.getByRole('option', { name: /Meeting/ }).click();
  await expect(record.getByLabel('Shown on')).toHaveValue(today);
  await record.getByLabel('Note').fill('Will chair the G20+ track’s ministerial.');
  await expectAccessible(a, 'record a position');
  await a.screenshot({ path: `${SHOTS}/record-position-light-1280.png` });
  await record.getByRole('button', { name: 'Record position' }).click();
  await expect(record).toBeHidden();
  await expect(detail.getByTestId('current-position')).toContainText('On Global economic governance (G20+):');
  await expect(bDetail.getByTestId('current-position')).toContainText('Champion');
  await expectAccessible(a, 'partner detail with positions');
  await shots(a, 'partner-detail', null, async () => {
    await detail.getByRole('heading', { name: 'Position' }).scrollIntoViewIfNeeded();
  });

  // The dashboard's support growth: Germany is the one partner supportive now.
  await a.keyboard.press('Escape');
  await a.goto(`/c/${coalitionId}`);
  const card = a.locator('section', { has: a.getByRole('heading', { name: 'Support growth' }) }).first();
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByTestId('support-now')).toContainText('1 partner supportive or champion now (1 state, 0 non-state)');
  // More of the dialogue's history (a few months of it), recorded by B: the chart follows live.
  const byName = new Map(partners.body.result.data.map((p) => [p.name, p.id]));
  for (const [name, ago, position] of [
    ['Stimson Center', 110, 'champion'],
    ['UN Secretariat — UN75 Office', 100, 'supportive'],
    ['Canada', 90, 'sceptical'],
    ['UNA-UK (Together First secretariat)', 60, 'supportive'],
    ['Netherlands (Ministry of Foreign Affairs)', 40, 'champion'],
    ['Canada', 20, 'supportive'],
  ] as const) {
    expect((await trpc(b, 'position.record', { coalitionId, partnerId: byName.get(name), position, shownOn: daysBefore(today, ago) })).status).toBe(200);
  }
  await expect(card.getByTestId('support-now')).toContainText('6 partners supportive or champion now (4 state, 2 non-state)');
  await expect(card.getByTestId('support-growth-chart')).toBeVisible();
  await expectAccessible(a, 'dashboard with support growth');
  await shots(a, 'dashboard-support-growth', () => card, async () => {
    await card.scrollIntoViewIfNeeded();
  });

  // The map: Germany moved up (sceptical → supportive), said in words in the quadrant list.
  await a.goto(`/c/${coalitionId}/partners?view=map`);
  await expect(a.locator(`[data-movement-of="${germany.id}"][data-movement="up"]`)).toBeVisible();
  await expect(a.getByRole('button', { name: /Germany/ }).getByText('moved from sceptical to supportive')).toBeVisible();
  await expectAccessible(a, 'influence map with movement');
  const mapCard = () => a.locator('section', { has: a.getByRole('heading', { name: 'Influence–interest map' }) }).first();
  await shots(a, 'map', mapCard, async () => {
    await a.getByTestId('influence-map').scrollIntoViewIfNeeded();
  });
  await shots(a, 'map-quadrants', () => a.locator('section', { has: a.getByRole('heading', { name: 'Partners by quadrant' }) }).first(), async () => {
    await a.getByRole('heading', { name: 'Manage closely' }).last().scrollIntoViewIfNeeded();
  });

  // And the partner table's position column.
  await a.goto(`/c/${coalitionId}/partners`);
  const row = a.getByRole('row', { name: /Germany/ });
  await expect(row.getByText('Supportive', { exact: true })).toBeVisible();
  await expect(row.locator('[data-movement="up"]')).toHaveAttribute('title', 'moved from sceptical to supportive');
  await keepScreenshot(a, test.info(), 'partner-table');
  await shots(a, 'partner-table', null, async () => {
    await row.scrollIntoViewIfNeeded();
  });

  // The partner form: the relationship owner among the members; only an owner may name the position publicly.
  const mine = await openPartner(a, coalitionId, 'Germany');
  await mine.getByRole('button', { name: 'Edit', exact: true }).last().click();
  const edit = a.getByRole('dialog', { name: 'Edit Germany' });
  await edit.getByRole('combobox', { name: 'Relationship owner' }).click();
  await a.getByRole('option', { name: bUser.name }).click();
  await edit.getByLabel('Show this partner’s position on the public page').check();
  await expectAccessible(a, 'partner form');
  await edit.getByLabel('Show this partner’s position on the public page').scrollIntoViewIfNeeded();
  await a.screenshot({ path: `${SHOTS}/partner-form-light-1280.png` });
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(mine.getByText('May name its position')).toBeVisible();
  await expect(mine.getByText(bUser.name)).toBeVisible();
  // B, an editor, sees the same partner live, and no such checkbox in the form.
  await expect(bDetail.getByText('May name its position')).toBeVisible();
  await bDetail.getByRole('button', { name: 'Edit', exact: true }).last().click();
  const bEdit = b.getByRole('dialog', { name: 'Edit Germany' });
  await expect(bEdit.getByRole('combobox', { name: 'Relationship owner' })).toHaveText(bUser.name);
  await expect(bEdit.getByLabel('Show this partner’s position on the public page')).toHaveCount(0);
  await bEdit.getByLabel('Notes').fill('Co-hosts the ministerial side event.');
  await bEdit.getByRole('button', { name: 'Save changes' }).click();
  await expect(bEdit).toBeHidden();
  await expect(mine.getByText('Co-hosts the ministerial side event.')).toBeVisible();
  await expect(mine.getByText('May name its position')).toBeVisible();
});
