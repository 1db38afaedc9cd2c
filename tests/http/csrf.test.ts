/**
 * Cross-site request forgery: a state-changing request is refused, and nothing is written,
 * unless it is same-origin AND declared application/json.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, newAccount, post, query, SAME_ORIGIN, sessionCookieOf, startServer, type RunningServer } from './helpers.ts';

let running: RunningServer;
beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  await running.close();
});

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function expectRefused(res: Response, before: Record<string, number>, status = 403) {
  expect(res.status).toBe(status);
  const body = await json(res);
  const error = Array.isArray(body) ? body[0].error : body.error;
  expect(error.data.code).toBe(status === 403 ? 'FORBIDDEN' : error.data.code);
  expect(sessionCookieOf(res)).toBeNull();
  expect(running.app.rowCounts()).toEqual(before);
}

/** A signed-in victim: the attacker's request would carry this cookie (SameSite aside). */
async function victim() {
  const res = await post(running.base, 'auth.signUp', newAccount('Victim'));
  expect(res.status).toBe(200);
  await res.text();
  return sessionCookieOf(res)!.cookie;
}

const coalitionInput = { name: 'Forged coalition', goal: 'Forged goal', goalDate: '2030-01-01' };

describe('CSRF: origin', () => {
  it('refuses a cross-site POST (Origin: https://evil.example) and writes nothing', async () => {
    const before = running.app.rowCounts();
    const res = await post(running.base, 'auth.signUp', newAccount('Evil'), {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    await expectRefused(res, before);
  });

  it('refuses a cross-site mutation that carries the victim session cookie', async () => {
    const cookie = await victim();
    const before = running.app.rowCounts();
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'none' },
    ]) {
      const res = await post(running.base, 'coalition.create', coalitionInput, {
        'content-type': 'application/json',
        cookie,
        ...headers,
      });
      await expectRefused(res, before);
    }
    // Batched, as the tRPC client would send it: one error per call.
    const batched = await fetch(`${running.base}/trpc/coalition.create,auth.signOut?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: 'https://evil.example' },
      body: JSON.stringify({ 0: coalitionInput, 1: {} }),
    });
    expect(batched.status).toBe(403);
    const body = await json(batched);
    expect(body).toHaveLength(2);
    expect(body[1].error.data.code).toBe('FORBIDDEN');
    expect(running.app.rowCounts()).toEqual(before);
    // The session survived (auth.signOut did not run).
    const me = await query(running.base, 'auth.me', undefined, { cookie });
    expect((await json(me)).result.data).toMatchObject({ name: 'Victim' });
  });

  it('trusts Sec-Fetch-Site over a matching Origin', async () => {
    const before = running.app.rowCounts();
    const res = await post(running.base, 'auth.signUp', newAccount('Mixed'), {
      'content-type': 'application/json',
      'sec-fetch-site': 'cross-site',
      origin: running.origin,
    });
    await expectRefused(res, before);
  });

  it('refuses a POST with neither Origin nor Sec-Fetch-Site', async () => {
    const before = running.app.rowCounts();
    const res = await post(running.base, 'auth.signUp', newAccount('Headless'), { 'content-type': 'application/json' });
    await expectRefused(res, before);
  });

  it('refuses look-alike and opaque origins', async () => {
    const before = running.app.rowCounts();
    const port = new URL(running.base).port;
    for (const origin of [
      'null',
      `https://127.0.0.1:${port}`, // other scheme
      `http://127.0.0.1:${Number(port) + 1}`, // other port
      `http://127.0.0.1:${port}.evil.example`,
      `http://evil.example/http://127.0.0.1:${port}`,
      'http://localhost:3001',
      'not a url',
      '',
    ]) {
      const res = await post(running.base, 'auth.signUp', newAccount('Lookalike'), {
        'content-type': 'application/json',
        origin,
      });
      await expectRefused(res, before);
    }
  });

  it('accepts same-origin JSON: by Sec-Fetch-Site, by Origin equal to the Host, or to the public URL', async () => {
    const before = running.app.rowCounts();
    const viaFetchMetadata = await post(running.base, 'auth.signUp', newAccount('Same 1'));
    expect(viaFetchMetadata.status).toBe(200);
    await viaFetchMetadata.text();

    const viaOrigin = await post(running.base, 'auth.signUp', newAccount('Same 2'), {
      'content-type': 'application/json; charset=utf-8',
      origin: running.origin,
    });
    expect(viaOrigin.status).toBe(200);
    await viaOrigin.text();

    // The harness's public URL is http://localhost:3000 (e.g. behind a port mapping).
    const viaPublicUrl = await post(running.base, 'auth.signUp', newAccount('Same 3'), {
      'content-type': 'application/json',
      origin: 'http://localhost:3000',
    });
    expect(viaPublicUrl.status).toBe(200);
    const cookie = sessionCookieOf(viaPublicUrl)!.cookie;
    await viaPublicUrl.text();

    expect(running.app.rowCounts().users).toBe(before.users! + 3);

    const created = await post(running.base, 'coalition.create', coalitionInput, { ...SAME_ORIGIN, cookie });
    expect(created.status).toBe(200);
    expect((await json(created)).result.data).toMatchObject({ name: 'Forged coalition', role: 'owner' });
  });
});

describe('CSRF: content type', () => {
  it('refuses multipart/form-data even from the same origin, and writes nothing', async () => {
    const cookie = await victim();
    const before = running.app.rowCounts();
    const form = new FormData();
    form.set('name', 'Form coalition');
    form.set('goal', 'Form goal');
    form.set('goalDate', '2030-01-01');
    const res = await fetch(`${running.base}/trpc/coalition.create`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', origin: running.origin, cookie },
      body: form,
    });
    expect(res.headers.get('content-type')).toContain('application/json');
    await expectRefused(res, before);
  });

  it('refuses text/plain, url-encoded, a missing type and JSON look-alikes', async () => {
    const cookie = await victim();
    const before = running.app.rowCounts();
    const body = JSON.stringify(coalitionInput);
    for (const contentType of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'application/jsonx',
      'application/json-seq',
      'text/plain, application/json',
      'application/octet-stream',
      null,
    ]) {
      const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', cookie };
      if (contentType) headers['content-type'] = contentType;
      const res = await fetch(`${running.base}/trpc/coalition.create`, {
        method: 'POST',
        headers,
        body: contentType ? body : new Blob([body]),
      });
      await expectRefused(res, before);
    }
  });
});

describe('CSRF: methods', () => {
  it('refuses a mutation invoked by GET or HEAD, single and batched, and writes nothing', async () => {
    const cookie = await victim();
    const before = running.app.rowCounts();

    const single = await query(running.base, 'coalition.create', coalitionInput, { cookie });
    expect(single.status).toBe(405);
    expect((await json(single)).error.data.code).toBe('METHOD_NOT_SUPPORTED');

    const signUp = await query(running.base, 'auth.signUp', newAccount('Via GET'));
    expect(signUp.status).toBe(405);
    await signUp.text();

    const batched = await fetch(
      `${running.base}/trpc/auth.me,coalition.create?batch=1&input=${encodeURIComponent(JSON.stringify({ 1: coalitionInput }))}`,
      { headers: { cookie } },
    );
    // tRPC refuses the whole batch ("Cannot mix procedure types").
    expect(batched.status).toBe(400);
    expect((await json(batched)).error.data.code).toBe('BAD_REQUEST');
    const batchedMutation = await fetch(
      `${running.base}/trpc/coalition.create?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: coalitionInput }))}`,
      { headers: { cookie } },
    );
    expect(batchedMutation.status).toBe(405);
    expect((await json(batchedMutation))[0].error.data.code).toBe('METHOD_NOT_SUPPORTED');

    const head = await fetch(
      `${running.base}/trpc/coalition.create?input=${encodeURIComponent(JSON.stringify(coalitionInput))}`,
      { method: 'HEAD', headers: { cookie } },
    );
    // tRPC answers HEAD with an empty 204 without resolving any procedure.
    expect([204, 405]).toContain(head.status);

    // The signed-out victim is still signed in: auth.signOut via GET did nothing either.
    const signOut = await query(running.base, 'auth.signOut', undefined, { cookie });
    expect(signOut.status).toBe(405);
    await signOut.text();
    expect(running.app.rowCounts()).toEqual(before);
    const me = await query(running.base, 'auth.me', undefined, { cookie });
    expect((await json(me)).result.data).toMatchObject({ name: 'Victim' });
  });

  it('refuses PUT, PATCH, DELETE and OPTIONS cross-site; same-origin they still change nothing', async () => {
    const cookie = await victim();
    const before = running.app.rowCounts();
    for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const cross = await fetch(`${running.base}/trpc/coalition.create`, {
        method,
        headers: { 'content-type': 'application/json', cookie, origin: 'https://evil.example' },
        body: method === 'OPTIONS' ? undefined : JSON.stringify(coalitionInput),
      });
      expect(cross.status).toBe(403);
      await cross.text();
      const same = await fetch(`${running.base}/trpc/coalition.create`, {
        method,
        headers: { ...SAME_ORIGIN, cookie },
        body: method === 'OPTIONS' ? undefined : JSON.stringify(coalitionInput),
      });
      expect(same.status).toBeGreaterThanOrEqual(400);
      await same.text();
    }
    expect(running.app.rowCounts()).toEqual(before);
  });

  it('refuses cross-site POSTs outside /trpc too', async () => {
    const res = await fetch(`${running.base}/healthz`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: 'x',
    });
    expect(res.status).toBe(403);
    await res.text();
  });

  it('lets cross-site GET queries through (they change nothing)', async () => {
    const res = await query(running.base, 'coalition.templates', undefined, {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(200);
    expect(total(running.app.rowCounts())).toBe(0);
    // No CORS: a cross-site script cannot read the answer.
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    await res.text();
  });
});
