/**
 * A real SMTP server for the mail tests (the `smtp-server` package on a random local port):
 * every message it accepts is parsed (`mailparser`) and kept, so a test reads what a recipient's
 * mailbox would hold. `refuse` makes it answer the next messages with a permanent error.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail['headers'];
}

export async function startSmtpServer() {
  const inbox: Received[] = [];
  let refusing = false;
  let hanging = false;
  /** Set once a hung message has started arriving. */
  let hungStarted: (() => void) | null = null;
  const hung = new Promise<void>((r) => (hungStarted = r));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      if (hanging) {
        // Never answers: the sender is stuck mid-send (until it dies).
        hanging = false;
        stream.resume();
        hungStarted?.();
        return;
      }
      if (refusing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            headers: mail.headers,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    refuse(on = true) {
      refusing = on;
    },
    /** The next message is received but never acknowledged; resolves when it has started. */
    hangNext(): Promise<void> {
      hanging = true;
      return hung;
    },
    /** Waits for a message to `to` (case-insensitive), whose subject contains `subject` when given. */
    async waitFor(to: string, subject?: string, timeoutMs = 5000): Promise<Received> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = inbox.find((m) => m.to.some((t) => t.toLowerCase() === to.toLowerCase()) && (subject === undefined || m.subject.includes(subject)));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to}; inbox: ${JSON.stringify(inbox.map((m) => [m.to, m.subject]))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
