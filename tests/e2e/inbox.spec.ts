import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, keepScreenshot, newUser, signUp, signUpWithWorldSummit, trpc, type E2EUser } from './support.ts';

type Milestone = { id: string; title: string; status: string; version: number };

/** A creates a coalition and invites B as an editor; B signs up and accepts with the link's token. */
async function twoMembers(browser: Browser) {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  const coalitionId = await signUpWithWorldSummit(a, newUser('Amara'));
  const bUser = newUser('Bilal');
  const inv = await trpc<{ result: { data: { link: string } } }>(a, 'invitation.create', { coalitionId, email: bUser.email, role: 'editor' });
  const token = new URL(inv.body.result.data.link).pathname.split('/').pop()!;
  await signUp(b, bUser);
  const accepted = await trpc(b, 'invitation.accept', { token });
  expect(accepted.status).toBe(200);
  const list = await trpc<{ result: { data: { items: Milestone[] } } }>(a, 'milestone.list', { coalitionId, limit: 3, status: ['planned', 'in_progress'] }, 'query');
  expect(list.status, JSON.stringify(list.body)).toBe(200);
  return { a, b, bUser, coalitionId, milestones: list.body.result.data.items };
}

async function comment(page: Page, coalitionId: string, milestoneId: string, body: string) {
  const res = await trpc(page, 'comment.add', { coalitionId, targetType: 'milestone', targetId: milestoneId, body });
  expect(res.status).toBe(200);
}

const bell = (page: Page) => page.getByRole('link', { name: /^Inbox, / });
const mention = (who: E2EUser, text: string) => `@${who.name} ${text}`;

test("a mention reaches B's bell live; B opens it from the inbox, lands on the milestone, and the bell goes back to 0", async ({ browser }, testInfo) => {
  const { a, b, bUser, coalitionId, milestones } = await twoMembers(browser);
  const m = milestones[0]!;

  await b.goto(`/c/${coalitionId}/milestones`);
  await expect(b.getByRole('status', { name: 'Live' })).toBeVisible();
  await expect(bell(b)).toHaveAccessibleName('Inbox, nothing unread');
  let navigations = 0;
  b.on('framenavigated', (f) => f === b.mainFrame() && navigations++);

  const excerpt = 'could you confirm the venue booking by Friday?';
  await comment(a, coalitionId, m.id, mention(bUser, excerpt));
  await expect(bell(b)).toHaveAccessibleName('Inbox, 1 unread', { timeout: 5000 });
  await expect(b.getByTestId('inbox-badge')).toHaveText('1');
  expect(navigations).toBe(0);

  await bell(b).click();
  await b.waitForURL('**/inbox');
  await expect(b.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  const item = b.getByRole('listitem').filter({ hasText: 'Mentioned you' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Amara Tester');
  await expect(item).toContainText('Unread');
  await expect(item).toContainText(excerpt);
  await expectAccessible(b, 'the inbox');
  await keepScreenshot(b, testInfo, 'inbox-with-mention');

  await item.getByRole('link', { name: new RegExp(m.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
  await b.waitForURL(`**/c/${coalitionId}/milestones/${m.id}`);
  await expect(b.getByRole('heading', { level: 1 })).toHaveText(m.title);
  await expect(bell(b)).toHaveAccessibleName('Inbox, nothing unread');
  await expect(b.getByTestId('inbox-badge')).toHaveCount(0);
  // Being mentioned does not make B follow the milestone; B can from here.
  await expect(b.getByRole('button', { name: 'Follow', exact: true })).toBeVisible();

  // Still read after a reload (the server took it).
  await b.reload();
  await expect(bell(b)).toHaveAccessibleName('Inbox, nothing unread');
});

test('mark read, unread only, mark all read; following a milestone brings its status changes', async ({ browser }) => {
  const { a, b, bUser, coalitionId, milestones } = await twoMembers(browser);
  const [m1, m2] = milestones;

  // B follows m2 from its page (the toggle), then A changes its status and comments on it.
  await b.goto(`/c/${coalitionId}/milestones/${m2!.id}`);
  await b.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(b.getByRole('button', { name: 'Following', exact: true })).toBeVisible();
  const following = await trpc<{ result: { data: { following: boolean } } }>(b, 'inbox.following', { coalitionId, entityType: 'milestone', entityId: m2!.id }, 'query');
  expect(following.body.result.data.following).toBe(true);

  await comment(a, coalitionId, m1!.id, mention(bUser, 'please draft the press release.'));
  await comment(a, coalitionId, m1!.id, mention(bUser, 'and share it with the partners.'));
  const upd = await trpc(a, 'milestone.update', { coalitionId, milestoneId: m2!.id, version: m2!.version, status: 'at_risk' });
  expect(upd.status).toBe(200);
  await comment(a, coalitionId, m2!.id, 'The venue fell through; looking for another.');

  // Outside a coalition (no live stream) the bell reads the count when the page opens.
  await b.goto('/inbox');
  await expect(bell(b)).toHaveAccessibleName('Inbox, 4 unread');
  const list = b.getByRole('list', { name: 'Notifications, newest first' });
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await expect(list.getByRole('listitem').filter({ hasText: 'Status changed' })).toHaveCount(1);
  await expect(list.getByRole('listitem').filter({ hasText: 'New comment' })).toHaveCount(1);
  await expect(list.getByRole('listitem').filter({ hasText: 'Mentioned you' })).toHaveCount(2);

  // One by hand: optimistic, the bell follows.
  const statusItem = list.getByRole('listitem').filter({ hasText: 'Status changed' });
  await statusItem.getByRole('button', { name: 'Mark read' }).click();
  await expect(statusItem).not.toContainText('Unread');
  await expect(bell(b)).toHaveAccessibleName('Inbox, 3 unread');

  await b.getByLabel('Unread only').check();
  await expect(b).toHaveURL(/\/inbox\?unread=1$/);
  await expect(list.getByRole('listitem')).toHaveCount(3);

  if (process.env.INBOX_SHOTS) await shots(b, process.env.INBOX_SHOTS, coalitionId);

  await b.getByRole('button', { name: 'Mark all read' }).click();
  await expect(bell(b)).toHaveAccessibleName('Inbox, nothing unread');
  await expect(b.getByText('Nothing needs you right now')).toBeVisible();
  await expect(b.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  await b.getByLabel('Unread only').uncheck();
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await expect(list).not.toContainText('Unread');
  await expectAccessible(b, 'the inbox, all read');

  // The server took it.
  await b.reload();
  await expect(bell(b)).toHaveAccessibleName('Inbox, nothing unread');
});

/** Screenshots of the top bar and the inbox at desktop and phone widths (INBOX_SHOTS=<dir>). */
async function shots(page: Page, dir: string, coalitionId: string) {
  mkdirSync(dir, { recursive: true });
  await page.getByLabel('Unread only').uncheck();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/inbox');
    await expect(page.getByRole('list', { name: 'Notifications, newest first' })).toBeVisible();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${dir}/inbox-${width}.png`, fullPage: true });
    await page.locator('header').first().screenshot({ path: `${dir}/topbar-home-${width}.png` });
    await page.goto(`/c/${coalitionId}`);
    await expect(page.getByRole('status', { name: 'Live' })).toBeAttached();
    await expect(bell(page)).toHaveAccessibleName('Inbox, 3 unread');
    await page.locator('header').first().screenshot({ path: `${dir}/topbar-coalition-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/inbox?unread=1');
}
