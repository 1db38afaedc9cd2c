export { createSmtpMailer, disabledMailer, mailerFromEnv, type Mailer, type MailMessage } from './mailer.ts';
export { invitationEmail, type Rendered } from './templates.ts';
