/**
 * GET queries are answered by the server's own route (apps/server/src/trpc-route.ts), not by
 * tRPC's fetch adapter. The web client must not be able to tell: for single and batched
 * queries, successes, refusals, bad input and mixed batches, the status, content type, Vary
 * header and body are the ones tRPC's own adapter gives for the same request over the same
 * database. Everything the route leaves to the adapter still gets the adapter's answer.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FastifyAdapter from '@trpc/server/adapters/fastify';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, createContext } from '@coalition/api';
import { startServer, type RunningServer } from './helpers.ts';

// Counts the requests the server hands to tRPC's Fastify handler (the fallback).
const adapterCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('@trpc/server/adapters/fastify', async (importOriginal) => {
  const original = await importOriginal<typeof FastifyAdapter>();
  return {
    ...original,
    fastifyRequestHandler: (...args: Parameters<typeof original.fastifyRequestHandler>) => {
      adapterCalls.count++;
      return original.fastifyRequestHandler(...args);
    },
  };
});

let running: RunningServer;
let cookie: string;
let mine: string;
let theirs: string;
let addTrack: (name: string) => Promise<unknown>;

beforeAll(async () => {
  running = await startServer();
  const alice = await running.app.signUp('Alice');
  const bob = await running.app.signUp('Bob');
  cookie = `session=${alice.token}`;
  mine = (await alice.caller.coalition.create({ name: 'Mine', goal: 'Summit', goalDate: '2027-06-01' })).id;
  theirs = (await bob.caller.coalition.create({ name: 'Theirs', goal: 'Summit', goalDate: '2027-06-01' })).id;
  await alice.caller.track.create({ coalitionId: mine, name: 'Finance' });
  addTrack = (name) => alice.caller.track.create({ coalitionId: mine, name });
});
afterAll(() => running.close());

/** tRPC's own answer to the same request: its fetch adapter, the same router and services. */
async function viaAdapter(url: string, headers: Record<string, string>) {
  const token = /session=([^;]+)/.exec(headers.cookie ?? '')?.[1] ?? null;
  const res = await fetchRequestHandler({
    endpoint: '/trpc',
    req: new Request(new URL(url, 'http://localhost'), { headers }),
    router: appRouter,
    createContext: () => createContext(running.app.services, { sessionToken: token, clientAddress: '127.0.0.1' }),
  });
  return describeResponse(res);
}

async function viaServer(url: string, headers: Record<string, string>) {
  return describeResponse(await fetch(`${running.base}${url}`, { headers }));
}

/** What a client sees, minus the stack trace (where each error was thrown differs by caller). */
async function describeResponse(res: Response) {
  const body = JSON.parse(await res.text()) as unknown;
  const withoutStacks = (item: any) => {
    if (item?.error?.data) delete item.error.data.stack;
    return item;
  };
  return {
    status: res.status,
    type: res.headers.get('content-type')?.split(';')[0],
    // The server adds accept-encoding (compression) to every answer.
    vary: res.headers.get('vary')?.replace(/,\s*accept-encoding/, ''),
    body: Array.isArray(body) ? body.map(withoutStacks) : withoutStacks(body),
  };
}

const single = (path: string, input?: unknown) =>
  `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
const batch = (calls: [string, unknown][]) =>
  `/trpc/${calls.map(([p]) => p).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(calls.map(([, input], i) => [i, input]))))}`;

describe('GET queries answered by the server match tRPC’s adapter', () => {
  beforeEach(() => {
    adapterCalls.count = 0;
  });

  /** [name, URL, signed in, answered by the server's route (else by the adapter)] */
  const cases: [string, () => string, boolean, boolean][] = [
    ['a single query', () => single('coalition.get', { coalitionId: mine }), true, true],
    ['a query without input', () => single('auth.me'), true, true],
    ['a batch, as the browser sends it', () => batch([['coalition.get', { coalitionId: mine }], ['track.list', { coalitionId: mine }], ['auth.me', undefined]]), true, true],
    ['a coalition the caller is not a member of', () => single('coalition.get', { coalitionId: theirs }), true, true],
    ['input that fails validation (field errors)', () => single('coalition.get', { coalitionId: 42 }), true, true],
    ['a batch with one refusal (207)', () => batch([['coalition.get', { coalitionId: mine }], ['coalition.get', { coalitionId: theirs }]]), true, true],
    ['no session', () => single('coalition.get', { coalitionId: mine }), false, true],
    // A cached dashboard is one shared object, serialized once: the first answer fills the cache, the second reuses it.
    ['a dashboard', () => single('coalition.dashboard', { coalitionId: mine }), true, true],
    ['a cached dashboard in a batch', () => batch([['coalition.dashboard', { coalitionId: mine }], ['auth.me', undefined]]), true, true],
    ['a batch of only refusals', () => batch([['track.list', { coalitionId: theirs }], ['coalition.get', { coalitionId: theirs }]]), true, true],
    // Left to the adapter by the route: the answers are the adapter's.
    ['input that is not JSON', () => '/trpc/coalition.get?input=%7Bnot-json', true, false],
    ['a mutation sent with GET', () => single('auth.signOut'), true, false],
    ['an unknown procedure', () => single('coalition.nope', { coalitionId: mine }), true, false],
    ['a batch whose input is not an object', () => `/trpc/auth.me?batch=1&input=${encodeURIComponent('[1]')}`, true, false],
  ];

  it.each(cases)('%s', async (_name, url, signedIn, direct) => {
    const headers: Record<string, string> = signedIn ? { cookie } : {};
    const fromServer = await viaServer(url(), headers);
    expect(adapterCalls.count).toBe(direct ? 0 : 1);
    const fromAdapter = await viaAdapter(url(), headers);
    expect(fromServer).toEqual(fromAdapter);
  });

  it('answers with data a client can use, and refusals with their HTTP status', async () => {
    const ok = await viaServer(batch([['coalition.get', { coalitionId: mine }], ['track.list', { coalitionId: mine }]]), { cookie });
    expect(ok.status).toBe(200);
    expect(ok.body[0].result.data).toMatchObject({ id: mine, name: 'Mine', role: 'owner' });
    expect(ok.body[1].result.data.map((t: { name: string }) => t.name)).toEqual(['Finance']);

    const refused = await viaServer(single('coalition.get', { coalitionId: theirs }), { cookie });
    expect(refused.status).toBe(404);
    expect(refused.body.error.data.code).toBe('NOT_FOUND');

    // A cached dashboard's serialization is reused only while the plan is unchanged.
    const before = await viaServer(single('coalition.dashboard', { coalitionId: mine }), { cookie });
    expect((await viaServer(single('coalition.dashboard', { coalitionId: mine }), { cookie })).body).toEqual(before.body);
    await addTrack('Legal');
    const after = await viaServer(single('coalition.dashboard', { coalitionId: mine }), { cookie });
    expect(after.body).not.toEqual(before.body);
    expect(JSON.stringify(after.body)).toContain('Legal');

    const mixed = await viaServer(batch([['coalition.get', { coalitionId: mine }], ['coalition.get', { coalitionId: theirs }]]), { cookie });
    expect(mixed.status).toBe(207);
  });
});
