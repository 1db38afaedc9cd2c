import { expect, test, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { expectAccessible, keepScreenshot, newUser, signUpWithWorldSummit, trpc } from './support.ts';

interface DashboardOut {
  coalition: { name: string; goal: string };
  progress: { tracks: { id: string; name: string; progress: number }[] };
  schedule: { overdue: { title: string }[]; overdueCount: number; dueSoonCount: number };
  bottlenecks: { open: number };
}
interface BottleneckOut {
  title: string;
  status: string;
  narrative: string;
}
interface PartnerOut {
  name: string;
}

const data = async <T,>(page: Page, path: string, input: unknown) => (await trpc<{ result: { data: T } }>(page, path, input, 'query')).body.result.data;

/** Each track's progress bar value, by track name, and the overdue count in the card title. */
async function shownNumbers(page: Page) {
  const bars = page.getByRole('progressbar', { name: / progress$/ });
  await expect(bars.first()).toBeVisible();
  const tracks: Record<string, string | null> = {};
  for (const bar of await bars.all()) {
    const name = (await bar.getAttribute('aria-label'))!.replace(/ progress$/, '');
    tracks[name] = await bar.getAttribute('aria-valuenow');
  }
  const overdue = (await page.getByRole('heading', { level: 2, name: /^Overdue/ }).textContent())!.trim();
  const bottlenecks = (await page.getByText('Bottlenecks', { exact: true }).locator('xpath=following-sibling::p[1]').textContent())!.trim();
  return { tracks, overdue, bottlenecks };
}

test('the meeting brief shows the dashboard’s numbers and prints to a few A4 pages with everything in them', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const coalitionId = await signUpWithWorldSummit(page, newUser('Brie'));
  // The template starts on schedule: one milestone on the first track slips a week past due.
  const first = (await data<DashboardOut>(page, 'coalition.dashboard', { coalitionId })).progress.tracks[0]!;
  const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const created = await trpc(page, 'milestone.create', { coalitionId, trackId: first.id, title: 'Circulate the zero draft to the core group', dueDate: lastWeek });
  expect(created.status).toBe(200);
  await page.reload();
  const d = await data<DashboardOut>(page, 'coalition.dashboard', { coalitionId });
  const bottlenecks = await data<BottleneckOut[]>(page, 'bottleneck.list', { coalitionId });
  const partners = await data<PartnerOut[]>(page, 'partner.list', { coalitionId });
  expect(d.schedule.overdueCount, 'the template has overdue milestones').toBeGreaterThan(0);
  const reframed = bottlenecks.find((b) => b.status !== 'resolved' && b.narrative.length > 0);
  expect(reframed, 'the template has an open bottleneck with a reframing').toBeTruthy();

  // From the dashboard's "Print brief" link.
  const onDashboard = await shownNumbers(page);
  await page.getByRole('link', { name: 'Print brief' }).click();
  await page.waitForURL(`**/c/${coalitionId}/brief`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(d.coalition.name);
  await expect(page.getByTestId('influence-map')).toBeVisible();
  await page.waitForLoadState('networkidle');

  // Same numbers as the dashboard: every track's percentage, the overdue count, the open bottlenecks.
  const onBrief = await shownNumbers(page);
  expect(Object.keys(onBrief.tracks).length).toBeGreaterThanOrEqual(d.progress.tracks.length);
  expect(onBrief).toEqual(onDashboard);
  expect(onBrief.overdue).toBe(`Overdue (${d.schedule.overdueCount})`);
  await expect(page.getByRole('heading', { level: 2, name: `Open bottlenecks (${d.bottlenecks.open})` })).toBeVisible();

  await keepScreenshot(page, testInfo, 'brief-1280');
  await expectAccessible(page, 'meeting brief');

  // The print button calls window.print().
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await page.getByRole('button', { name: 'Print / Save as PDF' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // On paper: no shell, no buttons; a few A4 pages holding the whole brief.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeHidden();
  await expect(page.getByRole('navigation').first()).toBeHidden();
  await keepScreenshot(page, testInfo, 'brief-print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pdfPath = testInfo.outputPath('brief.pdf');
  await import('node:fs/promises').then((fs) => fs.writeFile(pdfPath, pdf));
  await testInfo.attach('brief.pdf', { path: pdfPath, contentType: 'application/pdf' });

  const doc = await getDocumentProxy(new Uint8Array(pdf));
  expect(doc.numPages).toBeGreaterThanOrEqual(1);
  expect(doc.numPages).toBeLessThanOrEqual(6);
  const { text } = await extractText(doc, { mergePages: true });
  const flat = text.replace(/\s+/g, ' ');
  const has = (s: string) => expect(flat, `the PDF contains “${s}”`).toContain(s.replace(/\s+/g, ' '));
  has(d.coalition.goal);
  for (const t of d.progress.tracks) has(t.name);
  has(d.schedule.overdue[0]!.title);
  has(reframed!.narrative);
  for (const p of partners.slice(0, 5)) has(p.name);
  expect(flat).not.toContain('Print / Save as PDF');
});

test('the brief reads on a 375 px phone without sideways scrolling', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const coalitionId = await signUpWithWorldSummit(page, newUser('Phoebe'));
  await page.goto(`/c/${coalitionId}/brief`);
  await expect(page.getByTestId('influence-map')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await keepScreenshot(page, testInfo, 'brief-375');
  await context.close();
});

test('on the partners map no two names overlap, nor a name and a marker, and every name is inside the map', async ({ page }, testInfo) => {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    if (width === 1280) {
      const coalitionId = await signUpWithWorldSummit(page, newUser('Lars'));
      await page.goto(`/c/${coalitionId}/partners?view=map`);
    } else await page.reload();
    const map = page.getByTestId('influence-map');
    await expect(map).toBeVisible();
    const labels = map.locator('[data-map-label]');
    await expect(labels.first()).toBeVisible();
    const boxes = await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const markers = await map.locator('g[transform] > path').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const frame = (await map.boundingBox())!;
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const unlabelled = await page.getByTestId('map-unlabelled').count();
    expect(boxes.length + (unlabelled ? 1 : 0), `${width}px: names on the map`).toBeGreaterThan(markers.length / 2);
    boxes.forEach((a, i) => {
      expect(a.left, `${width}px: label ${i} inside`).toBeGreaterThanOrEqual(frame.x - 0.5);
      expect(a.right).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
      for (const b of boxes.slice(i + 1)) expect(overlap(a, b), `${width}px: labels overlap`).toBe(false);
      for (const m of markers) expect(overlap(a, m), `${width}px: a label covers a marker`).toBe(false);
    });
    await keepScreenshot(page, testInfo, `partners-map-${width}`);
  }
});
