export { createSmtpMailer, disabledMailer, mailerFromEnv, type Mailer, type MailMessage } from './mailer.ts';
export { digestEmail, escapeHtml, invitationEmail, mentionEmail, reminderEmail, type DigestSection, type Rendered } from './templates.ts';
export { addressUnsubscribeUrl, readAddressToken, readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from './unsubscribe.ts';
