import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';

let seq = 0;

export interface E2EUser {
  name: string;
  email: string;
  password: string;
}

export function newUser(first: string): E2EUser {
  const id = `${Date.now().toString(36)}${(++seq).toString(36)}`;
  return { name: `${first} Tester`, email: `${first.toLowerCase()}.${id}@example.org`, password: 'a-long-enough-password' };
}

export async function signUp(page: Page, user: E2EUser, next?: string) {
  await page.goto(next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up');
  await page.getByLabel('Your name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-up'));
}

export async function signIn(page: Page, user: E2EUser) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** Signs up and creates the World Summit coalition in one click; returns its id (on its dashboard). */
export async function signUpWithWorldSummit(page: Page, user: E2EUser): Promise<string> {
  await signUp(page, user);
  await page.getByRole('button', { name: 'Create it in one click' }).click();
  await page.waitForURL(/\/c\/[a-z2-7]{20}$/);
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** Calls a tRPC procedure from inside the page, as the signed-in user (same-origin JSON). */
export async function trpc<T = unknown>(page: Page, path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation') {
  return page.evaluate(
    async ({ path, input, kind }) => {
      const res =
        kind === 'query'
          ? await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
          : await fetch(`/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      return { status: res.status, body: (await res.json()) as T };
    },
    { path, input, kind },
  );
}

/** No serious or critical axe violations on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
    `axe on ${what}`,
  ).toEqual([]);
}

/** Keeps a full-page screenshot of the screen as a test artefact. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

export async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}
