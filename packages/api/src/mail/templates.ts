/**
 * The emails' words, once: each builder returns the subject, the plain-text part and the HTML
 * part (escaped; inline styles only; no images, no tracking).
 */
import { ROLE_LABELS, type Role } from '@coalition/domain';

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A simple, readable HTML body: paragraphs and one button-like link. */
function layout(paragraphs: string[], action: { label: string; href: string }, footer: string): string {
  const p = paragraphs.map((t) => `<p style="margin:0 0 12px">${escapeHtml(t)}</p>`).join('');
  return (
    `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#0f172a;max-width:560px;margin:0 auto;padding:16px">` +
    p +
    `<p style="margin:20px 0"><a href="${escapeHtml(action.href)}" style="background:#4f46e5;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(action.label)}</a></p>` +
    `<p style="margin:0 0 12px;font-size:13px;color:#475569">Or open this link: <a href="${escapeHtml(action.href)}" style="color:#4338ca">${escapeHtml(action.href)}</a></p>` +
    `<p style="margin:24px 0 0;font-size:12px;color:#64748b">${escapeHtml(footer)}</p>` +
    `</body></html>`
  );
}

export function invitationEmail(input: { inviterName: string; coalitionName: string; goal: string; role: Role; link: string; expiresAt: number; timeZone: string }): Rendered {
  const role = ROLE_LABELS[input.role].label.toLowerCase();
  const article = /^[aeiou]/.test(role) ? 'an' : 'a';
  const expires = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: input.timeZone }).format(input.expiresAt);
  const lines = [
    `${input.inviterName} invites you to join "${input.coalitionName}" as ${article} ${role} in Coalition Planner.`,
    ...(input.goal ? [`The coalition's goal: ${input.goal}`] : []),
    `The link works once, for this email address, until ${expires}.`,
  ];
  const footer = 'You received this because a coalition owner entered your address. If you did not expect it, ignore this email: nothing happens unless you open the link.';
  return {
    subject: `${input.inviterName} invites you to "${input.coalitionName}"`,
    text: `${lines.join('\n\n')}\n\nJoin: ${input.link}\n\n${footer}\n`,
    html: layout(lines, { label: `Join ${input.coalitionName}`, href: input.link }, footer),
  };
}
