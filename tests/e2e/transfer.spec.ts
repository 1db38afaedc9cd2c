import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, newUser, signUpWithWorldSummit, trpc } from './support.ts';

const SHOTS = '.tmp/shots10';

interface ExportFile {
  format: string;
  exportedAt: number;
  coalition: { name: string };
  partners: unknown[];
  tracks: unknown[];
  assignments: unknown[];
  milestones: { id: string; dueDate: string; title: string; trackId: string | null }[];
  dependencies: unknown[];
  bottlenecks: unknown[];
  comments: unknown[];
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length) {
    endField();
    records.push(record);
  }
  return records;
}

/** Runs `action` (a click, a key press) and returns the downloaded file's name and text. */
async function download(page: Page, action: () => Promise<unknown>) {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  return { filename: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

/** The raw body the server sends for a GET query (`{"result":{"data":…}}`). */
async function rawQuery(page: Page, path: string, input: unknown): Promise<string> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return page.evaluate(async (url) => (await fetch(url)).text(), `/trpc/${path}${query}`);
}

/**
 * Screenshots of the whole page and of `section` at the page's current width, after checking the
 * page does not scroll sideways (taken from the top, so the sticky top bar covers nothing; no toasts).
 */
async function shot(page: Page, section: Locator, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} overflows sideways by ${overflow}px`).toBeLessThanOrEqual(1);
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}-page.png`, fullPage: true });
  const box = (await section.boundingBox())!;
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 } });
}

/** The section at desktop (1280) and phone (375) width. */
async function shots(page: Page, section: Locator, name: string) {
  await shot(page, section, `${name}-desktop-1280`);
  await page.setViewportSize({ width: 375, height: 812 });
  await shot(page, section, `${name}-phone-375`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Sections the preview counts only when the file has some. */
const PLAN_SIGNALS = ['eligiblePartners', 'partnerActs', 'baselines', 'baselineDates', 'slips'] as const;

const coalitionCount = async (page: Page) => (JSON.parse(await rawQuery(page, 'coalition.list', undefined)) as { result: { data: unknown[] } }).result.data.length;

test('export the workspace, milestones and calendar from Settings, then import the JSON as a new coalition', async ({ page }) => {
  test.setTimeout(120_000);
  const coalitionId = await signUpWithWorldSummit(page, newUser('Porter'));

  // ---- Settings → Export: three downloads. ----
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  const exportCard = page.getByRole('region', { name: 'Export' });
  await expect(exportCard).toBeVisible();
  for (const line of [/Everything in this coalition/, /One row per milestone/, /every milestone’s due date/]) await expect(exportCard.getByText(line)).toBeVisible();
  await shots(page, exportCard, 'export');

  const json = await download(page, () => exportCard.getByRole('button', { name: 'Download workspace JSON' }).click());
  expect(json.filename).toMatch(/^coalition-for-a-world-summit-[a-z0-9-]+-workspace-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(json.text) as ExportFile;
  expect(file.format).toBe('coalition-planner/v1');
  expect(file.milestones.length).toBeGreaterThan(5);
  expect(file.partners.length).toBeGreaterThan(3);
  // Byte for byte what the procedure returns (but the moment of the export).
  const direct = JSON.parse(await rawQuery(page, 'transfer.exportJson', { coalitionId })) as { result: { data: ExportFile } };
  expect(json.text).toBe(JSON.stringify({ ...direct.result.data, exportedAt: file.exportedAt }));

  // By keyboard: focus the button and press Enter.
  const csvButton = exportCard.getByRole('button', { name: 'Download milestones CSV' });
  await csvButton.focus();
  const csv = await download(page, () => page.keyboard.press('Enter'));
  expect(csv.filename).toMatch(/^coalition-for-a-world-summit-[a-z0-9-]+-milestones-\d{4}-\d{2}-\d{2}\.csv$/);
  const records = csvRecords(csv.text);
  expect(records[0]).toEqual(['id', 'title', 'track', 'status', 'progress', 'start_date', 'due_date', 'completed_on', 'owner', 'depends_on', 'description']);
  expect(records.slice(1).map((r) => r[0]).sort()).toEqual(file.milestones.map((m) => m.id).sort());
  const csvDirect = (await trpc<{ result: { data: { content: string } } }>(page, 'transfer.milestonesCsv', { coalitionId }, 'query')).body.result.data;
  expect(csv.text).toBe(csvDirect.content);

  const ics = await download(page, () => exportCard.getByRole('button', { name: 'Download calendar' }).click());
  expect(ics.filename).toMatch(/^coalition-for-a-world-summit-[a-z0-9-]+-due-dates-\d{4}-\d{2}-\d{2}\.ics$/);
  expect(ics.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics.text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  expect(ics.text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(file.milestones.length + 1); // and the goal
  const icsDirect = (await trpc<{ result: { data: { content: string } } }>(page, 'transfer.icalendar', { coalitionId }, 'query')).body.result.data;
  const stampless = (text: string) => text.replace(/^DTSTAMP:\d{8}T\d{6}Z\r$/gm, 'DTSTAMP');
  expect(stampless(ics.text)).toBe(stampless(icsDirect.content));

  await expectAccessible(page, 'settings with the export section');

  // ---- New coalition → Import from a file: preview, then import. ----
  const before = await coalitionCount(page);
  await page.goto('/new');
  await page.getByRole('tab', { name: 'Import from a file' }).click();
  const input = page.getByLabel('Workspace file (JSON)');
  await input.setInputFiles({ name: json.filename, mimeType: 'application/json', buffer: Buffer.from(json.text) });
  const preview = page.getByRole('region', { name: `Preview of “${json.filename}”` });
  await expect(preview).toBeVisible();
  const counts = { partners: file.partners, tracks: file.tracks, assignments: file.assignments, milestones: file.milestones, dependencies: file.dependencies, bottlenecks: file.bottlenecks, comments: file.comments };
  for (const [section, list] of Object.entries(counts)) await expect(preview.locator(`[data-count="${section}"]`), section).toHaveText(list.length.toLocaleString('en'));
  // Sections the plan has none of are not listed.
  for (const section of PLAN_SIGNALS) await expect(preview.locator(`[data-count="${section}"]`), section).toHaveCount(0);
  await expect(preview.getByRole('status')).toHaveText(/No problems found/);
  expect(await coalitionCount(page), 'the preview wrote nothing').toBe(before);

  await expectAccessible(page, 'import preview');
  await shots(page, page.getByRole('region', { name: 'Import from a file' }), 'import-preview');

  await preview.getByLabel('Name of the new coalition').fill('World Summit (imported)');
  await preview.getByRole('button', { name: 'Import as a new coalition' }).click();
  await page.waitForURL((u) => /^\/c\/[a-z2-7]{20}$/.test(u.pathname) && !u.pathname.includes(coalitionId));
  const importedId = new URL(page.url()).pathname.split('/')[2]!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('World Summit (imported)');
  expect(await coalitionCount(page)).toBe(before + 1);

  // The same plan under new ids.
  const copy = (await trpc<{ result: { data: ExportFile } }>(page, 'transfer.exportJson', { coalitionId: importedId }, 'query')).body.result.data;
  for (const [section, list] of Object.entries(counts)) expect(copy[section as keyof typeof counts].length, section).toBe(list.length);
  const shape = (f: ExportFile) => f.milestones.map((m) => `${m.dueDate} ${m.title}`).sort();
  expect(shape(copy)).toEqual(shape(file));
  expect(copy.milestones.map((m) => m.id)).not.toContain(file.milestones[0]!.id);
});

test('a bad file gets a clear message and nothing is written', async ({ page }) => {
  test.setTimeout(120_000);
  const coalitionId = await signUpWithWorldSummit(page, newUser('Baddie'));
  const direct = JSON.parse(await rawQuery(page, 'transfer.exportJson', { coalitionId })) as { result: { data: ExportFile } };
  const file = direct.result.data;
  const before = await coalitionCount(page);

  await page.goto('/new');
  await page.getByRole('tab', { name: 'Import from a file' }).click();
  const input = page.getByLabel('Workspace file (JSON)');
  const choose = (name: string, text: string | Buffer) => input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
  const alert = page.getByRole('alert');

  await choose('broken.json', '{"format": "coalition-planner/v1", ');
  await expect(alert).toContainText('This file is not valid JSON');
  await expect(alert).toContainText('“broken.json”');

  await choose('other.json', JSON.stringify({ hello: 'world' }));
  await expect(alert).toContainText('This is not a coalition planner export');

  await choose('huge.json', Buffer.alloc(9 * 1024 * 1024, 0x20));
  await expect(alert).toContainText('This file is too large');
  await expect(alert).toContainText('at most 8 MB');

  // Refused by the file schema: every problem under its path.
  const invalid = structuredClone(file) as unknown as { milestones: Record<string, unknown>[]; partners: Record<string, unknown>[] };
  invalid.milestones[3]!.dueDate = '2020-02-30';
  invalid.partners[0]!.kind = 'alien';
  await choose('invalid.json', JSON.stringify(invalid));
  await expect(alert).toContainText('This file cannot be imported');
  await expect(alert).toContainText('2 problems found');
  await expect(alert.getByText('data.milestones.3.dueDate', { exact: true })).toBeVisible();
  await expect(alert).toContainText(`Milestone 4 “${file.milestones[3]!.title.slice(0, 40)}`);
  await expect(alert.getByText('data.partners.0.kind', { exact: true })).toBeVisible();

  // Refused by the plan (a reference to nothing): the preview shows the counts and the problem, and no Import button.
  const dangling = structuredClone(file);
  dangling.milestones[2]!.trackId = 'no-such-track';
  await choose('dangling.json', JSON.stringify(dangling));
  const preview = page.getByRole('region', { name: 'Preview of “dangling.json”' });
  await expect(preview.locator('[data-count="milestones"]')).toHaveText(String(file.milestones.length));
  await expect(preview.getByRole('alert')).toContainText('1 problem stops this import');
  await expect(preview.getByText('data.milestones.2.trackId', { exact: true })).toBeVisible();
  await expect(preview.getByRole('alert')).toContainText('"no-such-track"');
  await expect(page.getByRole('button', { name: 'Import as a new coalition' })).toHaveCount(0);
  await expectAccessible(page, 'import preview with a problem');
  await shots(page, page.getByRole('region', { name: 'Import from a file' }), 'import-problem');

  expect(await coalitionCount(page), 'nothing was written').toBe(before);
});

test('the preview counts a file’s eligible partners, acts, baselines and their dates when it has some', async ({ page }) => {
  test.setTimeout(120_000);
  await signUpWithWorldSummit(page, newUser('Ratifier'));
  const ottawa = (await trpc<{ result: { data: { id: string } } }>(page, 'coalition.createFromTemplate', { templateId: 'ottawa-landmines' })).body.result.data;
  expect((await trpc(page, 'baseline.create', { coalitionId: ottawa.id, name: 'Plan of record' })).status).toBe(200);
  const file = (JSON.parse(await rawQuery(page, 'transfer.exportJson', { coalitionId: ottawa.id })) as { result: { data: ExportFile & Record<(typeof PLAN_SIGNALS)[number], unknown[]> } }).result.data;
  expect(file.partnerActs.length).toBeGreaterThan(0);
  const before = await coalitionCount(page);

  await page.goto('/new');
  await page.getByRole('tab', { name: 'Import from a file' }).click();
  await page.getByLabel('Workspace file (JSON)').setInputFiles({ name: 'ottawa.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const preview = page.getByRole('region', { name: 'Preview of “ottawa.json”' });
  await expect(preview.getByRole('status')).toHaveText(/No problems found/);
  for (const [section, label] of [['eligiblePartners', 'Eligible partners'], ['partnerActs', 'Partner acts'], ['baselines', 'Baselines'], ['baselineDates', 'Baseline dates']] as const) {
    await expect(preview.locator(`[data-count="${section}"]`), section).toHaveText(file[section].length.toLocaleString('en'));
    await expect(preview.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(preview.locator('[data-count="slips"]')).toHaveCount(0);
  await expectAccessible(page, 'import preview with threshold rows and a baseline');
  await shots(page, page.getByRole('region', { name: 'Import from a file' }), 'import-signals');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shots(page, page.getByRole('region', { name: 'Import from a file' }), 'import-signals-dark');
  expect(await coalitionCount(page), 'the preview wrote nothing').toBe(before);
});
