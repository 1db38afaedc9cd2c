/**
 * Sending email. With `SMTP_URL` set the app sends through that SMTP server (nodemailer);
 * without it nothing is sent and every screen that would have sent something says so (an
 * invitation link is still shown to copy). One message = one plain-text and one HTML part, no
 * tracking pixels, no remote images.
 */
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** False when no SMTP server is configured: `send` then refuses. */
  readonly enabled: boolean;
  /** Resolves once the SMTP server has accepted the message; rejects with its reason. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** No SMTP server: nothing can be sent. */
export const disabledMailer: Mailer = {
  enabled: false,
  send: () => Promise.reject(new Error('Email is not configured on this server (SMTP_URL is not set).')),
  close() {},
};

/**
 * Sends through the SMTP server at `smtpUrl` (`smtp://user:pass@host:587`, `smtps://…:465`),
 * from `from` ("Coalition Planner <planner@example.org>"). Gives up on an unresponsive server
 * after `timeoutMs`.
 */
export function createSmtpMailer(smtpUrl: string, from: string, { timeoutMs = 10_000 } = {}): Mailer {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // A local relay without a certificate (as in the tests) is reached over plain SMTP unless it offers STARTTLS.
    tls: { rejectUnauthorized: url.searchParams.get('tls') !== 'insecure' },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    enabled: true,
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html, headers: message.headers });
    },
    close: () => transport.close(),
  };
}

/** The mailer the environment asks for: SMTP_URL (and MAIL_FROM), else none. */
export function mailerFromEnv(env: Record<string, string | undefined>): Mailer {
  if (!env.SMTP_URL) return disabledMailer;
  return createSmtpMailer(env.SMTP_URL, env.MAIL_FROM || 'Coalition Planner <no-reply@localhost>');
}
