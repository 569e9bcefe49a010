import type { Transporter } from 'nodemailer';
import type { Config } from '../config/load.js';

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  /** False when no SMTP server is configured; features that need mail say so. */
  readonly enabled: boolean;
  send(mail: Mail): Promise<void>;
}

/** SMTP through nodemailer; smtp:// upgrades with STARTTLS when offered, smtps:// is TLS throughout. */
export function createMailer(config: Config['mail']): Mailer {
  if (!config.smtpUrl) {
    return {
      enabled: false,
      send: async () => {
        throw new Error('no SMTP server configured');
      },
    };
  }
  const smtpUrl = config.smtpUrl.reveal();
  // nodemailer loads with the first mail, not at boot: most servers send few.
  let transport: Promise<Transporter> | undefined;
  return {
    enabled: true,
    async send(mail) {
      transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
      await (await transport).sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
