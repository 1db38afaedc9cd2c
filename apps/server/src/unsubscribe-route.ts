/**
 * One-click unsubscribe: /unsubscribe?t=<token> (signed by the server: a member and a coalition) or
 * ?e=<token> (an invited address: no more invitation emails). GET shows what it does and a button (link scanners that prefetch a URL unsubscribe
 * nobody); POST — the button, or a mail client's RFC 8058 one-click POST — sets that person's
 * email for that coalition to "none". No sign-in: the token is the credential. The CSRF check
 * lets this POST through (csrf.ts): it changes nothing but the token's own subscription.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { coalitions, emailSuppressions } from '@coalition/db/schema';
import { escapeHtml, readAddressToken, readUnsubscribeToken, setEmailMode, type AppServices } from '@coalition/api';
import { eq } from 'drizzle-orm';

export const UNSUBSCRIBE_PATH = '/unsubscribe';


function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#0f172a"><h1 style="font-size:1.25rem">${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

export function registerUnsubscribe(root: FastifyInstance, services: AppServices) {
  // Its own scope: the form's and mail clients' bodies (`List-Unsubscribe=One-Click`, url-encoded
  // or multipart) are read here and ignored; nowhere else accepts them.
  void root.register(async (app) => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']) {
      app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, {}));
    }
    routes(app, services);
  });
}

function routes(app: FastifyInstance, services: AppServices) {
  const resolve = (query: { t?: unknown; e?: unknown }) => (typeof query.e === 'string' ? resolveAddress(query.e) : resolveMember(query.t));
  /** An invitation email's link: this address gets no more invitation emails. */
  const resolveAddress = (token: string) => {
    const email = readAddressToken(services.secretKey, token);
    return email ? { kind: 'address' as const, email, param: `e=${encodeURIComponent(token)}` } : null;
  };
  const resolveMember = (token: unknown) => {
    const who = readUnsubscribeToken(services.secretKey, typeof token === 'string' ? token : null);
    if (!who) return null;
    const coalition = services.db.select({ name: coalitions.name }).from(coalitions).where(eq(coalitions.id, who.coalitionId)).get();
    return coalition ? { kind: 'member' as const, ...who, coalitionName: coalition.name, param: `t=${encodeURIComponent(String(token))}` } : null;
  };
  const invalid = (reply: FastifyReply) => page(reply, 404, 'This link does not work', '<p>The unsubscribe link is not valid (or its coalition was deleted). You can change your email settings in the coalition’s Settings.</p>');

  const button = (param: string) =>
    `<form method="post" action="${UNSUBSCRIBE_PATH}?${escapeHtml(param)}"><button type="submit" style="background:#4f46e5;color:#fff;border:0;border-radius:6px;padding:.6rem 1rem;font-size:1rem">Stop these emails</button></form>`;

  app.get(UNSUBSCRIBE_PATH, async (request, reply) => {
    const target = resolve(request.query as { t?: unknown; e?: unknown });
    if (!target) return invalid(reply);
    if (target.kind === 'address') {
      return page(reply, 200, 'Stop invitation emails?', `<p>${escapeHtml(target.email)} will not be sent invitations to coalitions by email any more.</p>${button(target.param)}`);
    }
    return page(
      reply,
      200,
      `Stop emails from “${target.coalitionName}”?`,
      `<p>You will get no more email about this coalition (mentions, reminders, the daily digest). Your inbox in the app is not affected.</p>${button(target.param)}`,
    );
  });

  app.post(UNSUBSCRIBE_PATH, async (request, reply) => {
    const target = resolve(request.query as { t?: unknown; e?: unknown });
    if (!target) return invalid(reply);
    if (target.kind === 'address') {
      services.db.insert(emailSuppressions).values({ email: target.email.toLowerCase(), createdAt: services.now() }).onConflictDoNothing().run();
      return page(reply, 200, 'Unsubscribed', `<p>${escapeHtml(target.email)} will not be sent invitation emails any more.</p>`);
    }
    setEmailMode(services.db, target.userId, target.coalitionId, 'none', services.now());
    return page(reply, 200, 'Unsubscribed', `<p>You will get no more email about “${escapeHtml(target.coalitionName)}”. You can turn it back on in the coalition’s Settings.</p>`);
  });
}
