import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root.ts';

export { appRouter, type AppRouter } from './root.ts';
export { createCallerFactory } from './trpc.ts';
export { createContext, createServices, createThrottles, type AppServices, type Context, type SessionCookieWriter } from './context.ts';
export { EventBus } from './events.ts';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { AppError, fieldErrorsOf } from './errors.ts';
export { DashboardService } from './services/dashboard/index.ts';
export { isSharedResult, markSharedResult } from './shared-results.ts';
export { createSmtpMailer, disabledMailer, mailerFromEnv, type Mailer, type MailMessage } from './mail/index.ts';
export { JobRunner, REMINDER_DAYS } from './jobs/runner.ts';
export { escapeHtml, readAddressToken, readUnsubscribeToken, unsubscribeUrl } from './mail/index.ts';
export { setEmailMode } from './routers/mail.ts';
