/**
 * The public page over HTTP: its data (GET /trpc/publicPage.view, no session) and its screen
 * (GET /p/<token>, the web client's shell) are never cached nor indexed; an unknown and a
 * revoked link get byte-identical answers; it counts in the anonymous per-address rate limit.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redactUrl } from '../../apps/server/src/app.ts';
import { createTeam } from '../support/team.ts';
import { json, query, startServer, type RunningServer } from './helpers.ts';

const tokenOf = (url: string) => /\/p\/([a-z2-7]+)$/.exec(url)![1]!;

function makeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coalition-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>Coalition planner</title></head><body><div id="root"></div></body></html>');
  return dir;
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('public page over HTTP', () => {
  it('answers the page with no-store and noindex; unknown and revoked links get the very same 404', async () => {
    running = await startServer();
    const { owner, coalitionId } = await createTeam(running.app);
    const { url } = await owner.caller.publicPage.publish({ coalitionId });
    const token = tokenOf(url);

    const found = await query(running.base, 'publicPage.view', { token });
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('no-store');
    expect(found.headers.get('x-robots-tag')).toMatch(/noindex/);
    expect(found.headers.get('set-cookie')).toBeNull();
    expect((await json(found)).result.data.coalition.name).toBe('Summit coalition');

    // Batched with another query, as the web client may send it: still not indexed.
    const batched = await fetch(`${running.base}/trpc/auth.me,publicPage.view?batch=1&input=${encodeURIComponent(JSON.stringify({ 1: { token } }))}`);
    expect(batched.headers.get('x-robots-tag')).toMatch(/noindex/);

    const unknown = await query(running.base, 'publicPage.view', { token: 'a'.repeat(32) });
    await owner.caller.publicPage.revoke({ coalitionId });
    const revoked = await query(running.base, 'publicPage.view', { token });
    for (const res of [unknown, revoked]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-robots-tag')).toMatch(/noindex/);
    }
    expect(await revoked.text()).toBe(await unknown.text());

    // Other answers are not marked (the header is the page's).
    expect((await query(running.base, 'auth.me')).headers.get('x-robots-tag')).toBeNull();
  });

  it('serves the /p/<token> screen uncached and unindexed, and keeps the token out of the log', async () => {
    running = await startServer({ webDist: makeDist() });
    const page = await fetch(`${running.base}/p/abcdefghijklmnopqrstuvwxyz234567`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toMatch(/noindex/);
    expect(await page.text()).toContain('<div id="root">');
    // The rest of the app's pages keep their own caching.
    const other = await fetch(`${running.base}/c/abc`, { headers: { accept: 'text/html' } });
    expect(other.headers.get('cache-control')).toBe('no-cache');
    expect(other.headers.get('x-robots-tag')).toBeNull();

    expect(redactUrl('/p/abcdefghijklmnopqrstuvwxyz234567')).toBe('/p/[token]');
    expect(redactUrl('/trpc/publicPage.view?input=%7B%22token%22%3A%22abc%22%7D')).toBe('/trpc/publicPage.view?input=[redacted]');
  });

  it('is rate-limited per address like every call without a session', async () => {
    running = await startServer({ rateLimit: { anonMax: 3 } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await query(running.base, 'publicPage.view', { token: 'b'.repeat(32) })).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });
});
