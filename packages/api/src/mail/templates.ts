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

/** Text made safe inside HTML (element content and quoted attributes). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

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

export function invitationEmail(input: { inviterName: string; coalitionName: string; goal: string; role: Role; link: string; expiresAt: number; timeZone: string; unsubscribe: string }): Rendered {
  const role = ROLE_LABELS[input.role].label.toLowerCase();
  const article = /^[aeiou]/.test(role) ? 'an' : 'a';
  const expires = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: input.timeZone }).format(input.expiresAt);
  const lines = [
    `${input.inviterName} invites you to join "${input.coalitionName}" as ${article} ${role} in Coalition Planner.`,
    ...(input.goal ? [`The coalition's goal: ${input.goal}`] : []),
    `The link works once, for this email address, until ${expires}.`,
  ];
  const footer = `You received this because a coalition owner entered your address. If you did not expect it, ignore this email: nothing happens unless you open the link. Never get invitation emails again: ${input.unsubscribe}`;
  return {
    subject: `${input.inviterName} invites you to "${input.coalitionName}"`,
    text: `${lines.join('\n\n')}\n\nJoin: ${input.link}\n\n${footer}\n`,
    html: layout(lines, { label: `Join ${input.coalitionName}`, href: input.link }, footer),
  };
}

/** The footer of every email about a coalition: why you get it, and the one-click way out. */
function aboutFooter(coalitionName: string, unsubscribe: string) {
  return {
    text: `You get this because you are a member of "${coalitionName}". Stop emails from this coalition: ${unsubscribe}`,
    line: `You get this because you are a member of "${coalitionName}". To stop emails from this coalition, open the unsubscribe link: ${unsubscribe}`,
  };
}

export function mentionEmail(input: { actorName: string; coalitionName: string; targetLabel: string; excerpt: string; link: string; unsubscribe: string }): Rendered {
  const footer = aboutFooter(input.coalitionName, input.unsubscribe);
  const lines = [`${input.actorName} mentioned you on ${input.targetLabel} in "${input.coalitionName}":`, `“${input.excerpt}”`];
  return {
    subject: `${input.actorName} mentioned you in "${input.coalitionName}"`,
    text: `${lines.join('\n\n')}\n\nOpen: ${input.link}\n\n${footer.text}\n`,
    html: layout(lines, { label: 'Open in Coalition Planner', href: input.link }, footer.line),
  };
}

export interface DigestSection {
  coalitionName: string;
  changes: string[];
  dueSoon: string[];
  overdue: string[];
  link: string;
  unsubscribe: string;
}

/** One email a day: per coalition, what changed, what is due in the next 7 days, what is overdue. */
export function digestEmail(input: { date: string; sections: DigestSection[] }): Rendered {
  const textParts: string[] = [];
  const htmlParts: string[] = [];
  for (const s of input.sections) {
    const block = (title: string, items: string[]) => (items.length ? [`${title}:`, ...items.map((i) => `  - ${i}`)] : []);
    textParts.push(
      [`== ${s.coalitionName} ==`, ...block('Overdue', s.overdue), ...block('Due in the next 7 days', s.dueSoon), ...block('Changed since yesterday', s.changes), `Open: ${s.link}`, `Stop emails from this coalition: ${s.unsubscribe}`].join('\n'),
    );
    const list = (title: string, items: string[]) =>
      items.length ? `<p style="margin:12px 0 4px;font-weight:600">${escapeHtml(title)}</p><ul style="margin:0;padding-left:20px">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '';
    htmlParts.push(
      `<h2 style="font-size:16px;margin:20px 0 4px">${escapeHtml(s.coalitionName)}</h2>` +
        list('Overdue', s.overdue) +
        list('Due in the next 7 days', s.dueSoon) +
        list('Changed since yesterday', s.changes) +
        `<p style="margin:12px 0"><a href="${escapeHtml(s.link)}" style="color:#4338ca">Open ${escapeHtml(s.coalitionName)}</a> · <a href="${escapeHtml(s.unsubscribe)}" style="color:#64748b">Stop emails from this coalition</a></p>`,
    );
  }
  return {
    subject: `Your coalitions on ${input.date}`,
    text: `${textParts.join('\n\n')}\n`,
    html: `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#0f172a;max-width:560px;margin:0 auto;padding:16px">${htmlParts.join('')}</body></html>`,
  };
}

export function reminderEmail(input: { coalitionName: string; title: string; dueDate: string; overdue: boolean; days: number; link: string; unsubscribe: string }): Rendered {
  const footer = aboutFooter(input.coalitionName, input.unsubscribe);
  const when = input.overdue ? `was due on ${input.dueDate} (${input.days} day${input.days === 1 ? '' : 's'} ago)` : input.days === 0 ? `is due today (${input.dueDate})` : `is due in ${input.days} day${input.days === 1 ? '' : 's'}, on ${input.dueDate}`;
  const lines = [`"${input.title}" ${when}. You are responsible for it in "${input.coalitionName}".`];
  return {
    subject: input.overdue ? `Overdue: ${input.title}` : `Due ${input.days === 0 ? 'today' : `in ${input.days} day${input.days === 1 ? '' : 's'}`}: ${input.title}`,
    text: `${lines.join('\n\n')}\n\nOpen: ${input.link}\n\n${footer.text}\n`,
    html: layout(lines, { label: 'Open the milestone', href: input.link }, footer.line),
  };
}
