/**
 * Live updates (tRPC subscription over server-sent events) through the real server: the
 * stream is neither buffered nor compressed, changes arrive as they commit, and closing the
 * stream frees the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { json, newAccount, post, SAME_ORIGIN, sessionCookieOf, startServer, type RunningServer } from './helpers.ts';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Reads SSE `data:` payloads from a fetch body until `until` is satisfied. */
async function readEvents(res: Response, until: (events: unknown[]) => boolean, timeoutMs = 5000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: unknown[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (!until(events)) {
    if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(events)}`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (data) events.push(JSON.parse(data));
    }
  }
  reader.releaseLock();
  return events;
}

describe('live updates over SSE', () => {
  it('streams presence and committed changes, uncompressed', async () => {
    running = await startServer();
    const signUp = await post(running.base, 'auth.signUp', newAccount('Streamer'));
    const { cookie } = sessionCookieOf(signUp)!;
    await signUp.text();
    const created = await post(
      running.base,
      'coalition.create',
      { name: 'Live coalition', goal: 'A goal', goalDate: '2030-01-01' },
      { ...SAME_ORIGIN, cookie },
    );
    const coalition = (await json(created)).result.data as { id: string; version: number };

    const controller = new AbortController();
    const input = encodeURIComponent(JSON.stringify({ coalitionId: coalition.id, clientId: 'test-client-1' }));
    const stream = await fetch(`${running.base}/trpc/live.events?input=${input}`, {
      headers: { cookie, accept: 'text/event-stream', 'accept-encoding': 'gzip, br' },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('content-encoding')).toBeNull();

    const first = await readEvents(stream, (e) => e.some((x) => (x as { type?: string }).type === 'presence'));
    expect(first).toContainEqual(expect.objectContaining({ type: 'presence' }));

    const update = await post(
      running.base,
      'coalition.update',
      { coalitionId: coalition.id, version: coalition.version, description: 'Now live' },
      { ...SAME_ORIGIN, cookie },
    );
    expect(update.status).toBe(200);
    await update.text();

    const next = await readEvents(stream, (e) => e.some((x) => (x as { type?: string }).type === 'change'));
    expect(next).toContainEqual(
      expect.objectContaining({ type: 'change', event: expect.objectContaining({ action: 'coalition.updated' }) }),
    );

    controller.abort();
    const t0 = Date.now();
    await running.close();
    running = undefined;
    // Open streams are cut at once on shutdown (not left to their 10 s ping).
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('refuses the stream to a signed-out client', async () => {
    running = await startServer();
    const input = encodeURIComponent(JSON.stringify({ coalitionId: 'a'.repeat(20), clientId: 'test-client-2' }));
    const res = await fetch(`${running.base}/trpc/live.events?input=${input}`, { headers: { accept: 'text/event-stream' } });
    const text = await res.text();
    expect(text).toMatch(/UNAUTHORIZED|Sign in/);
  });
});
