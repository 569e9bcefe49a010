import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps what it receives. */
export async function startSmtp() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'], // a test server on loopback has no certificate to offer
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Mails to `to` so far, waiting up to `ms` for at least `count`. */
    async mailsTo(to: string, count = 1, ms = 5_000): Promise<ParsedMail[]> {
      const deadline = Date.now() + ms;
      const matching = () => received.filter((mail) => mail.to && JSON.stringify(mail.to).includes(to));
      while (matching().length < count && Date.now() < deadline) await sleep(20);
      return matching();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
