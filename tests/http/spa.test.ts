/**
 * The built web client: hashed assets cached forever and compressed, index.html never
 * cached, deep links answered with the app shell, /trpc never answered with HTML, and
 * the security headers on every answer.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { json, startServer, type RunningServer } from './helpers.ts';

const INDEX_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>Coalition planner</title>' +
  '<script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>';
const APP_JS = `export const plan = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `milestone ${i}`))};\n`;

function makeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coalition-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), APP_JS);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  return dir;
}

/** A raw GET: fetch would decompress and normalise paths; this shows the bytes as sent. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('serving the web client', () => {
  it('serves hashed assets as immutable and compressed', async () => {
    expect(APP_JS.length).toBeGreaterThan(1024);
    running = await startServer({ webDist: makeDist() });
    const gz = await rawGet(running.base, '/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/javascript/);
    expect(gunzipSync(gz.body).toString()).toBe(APP_JS);
    expect(gz.body.length).toBeLessThan(APP_JS.length);

    const br = await rawGet(running.base, '/assets/app-abc123.js', { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');

    const plain = await rawGet(running.base, '/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_JS);
  });

  it('serves index.html at / and for deep links, with no-cache', async () => {
    running = await startServer({ webDist: makeDist() });
    for (const path of ['/', '/index.html', '/coalitions/xyz', '/coalitions/xyz/milestones?status=done']) {
      const res = await fetch(`${running.base}${path}`, { headers: HTML });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await res.text()).toBe(INDEX_HTML);
    }
    // Other files at the root are served, with a short cache.
    const icon = await fetch(`${running.base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
    await icon.text();
  });

  it('never answers /trpc with the app shell', async () => {
    running = await startServer({ webDist: makeDist() });
    for (const path of ['/trpc/unknown.proc', '/trpc/a/b', '/trpc', '/trpc/']) {
      const res = await fetch(`${running.base}${path}`, { headers: HTML });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      const body = await json(res);
      expect(body.error.data.code, path).toBe('NOT_FOUND');
    }
  });

  it('answers 404 (not the shell) for missing assets, non-HTML requests, dotfiles and traversal', async () => {
    const dist = makeDist();
    running = await startServer({ webDist: dist });
    const missingAsset = await fetch(`${running.base}/assets/app-zzz999.js`, { headers: HTML });
    expect(missingAsset.status).toBe(404);
    await missingAsset.text();
    const notHtml = await fetch(`${running.base}/missing.png`, { headers: { accept: 'image/*' } });
    expect(notHtml.status).toBe(404);
    await notHtml.text();
    const dotfile = await rawGet(running.base, '/.env');
    expect(dotfile.body.toString()).not.toContain('SECRET');
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const res = await rawGet(running.base, path, HTML);
      expect(res.body.toString(), path).not.toContain('"name"');
    }
    const post = await fetch(`${running.base}/coalitions/xyz`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(404);
    await post.text();
  });

  it('sends the security headers on pages, assets and API answers', async () => {
    running = await startServer({ webDist: makeDist() });
    for (const path of ['/', '/assets/app-abc123.js', '/trpc/coalition.templates', '/coalitions/xyz', '/healthz']) {
      const res = await fetch(`${running.base}${path}`, { headers: HTML });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp, path).toContain("img-src 'self' data:");
      expect(csp, path).toContain("connect-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-eval');
      expect(csp, path).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      await res.text();
    }
  });

  it('answers the health check', async () => {
    running = await startServer({ webDist: makeDist() });
    const res = await fetch(`${running.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true });
  });
});

describe('without a client build', () => {
  for (const [label, webDist] of [
    ['no folder configured', null],
    ['a folder that does not exist', join(tmpdir(), 'coalition-no-such-dist')],
  ] as const) {
    it(`explains how to build the client (${label})`, async () => {
      running = await startServer({ webDist });
      for (const path of ['/', '/coalitions/xyz']) {
        const res = await fetch(`${running.base}${path}`, { headers: HTML });
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type'), path).toMatch(/^text\/plain/);
        const text = await res.text();
        expect(text).toMatch(/not built/);
        expect(text).toContain('npx -y pnpm@10.34.9 build');
      }
      // The API still works.
      const api = await fetch(`${running.base}/trpc/coalition.templates`);
      expect(api.status).toBe(200);
      await api.text();
      const health = await fetch(`${running.base}/healthz`);
      expect(await json(health)).toEqual({ ok: true });
    });
  }
});
