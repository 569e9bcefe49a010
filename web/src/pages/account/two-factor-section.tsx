import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';
import { ErrorNotice, Field, StatusNotice } from '../../components/form';
import { QrImage } from '../../components/qr-image';
import { useSudo } from '../../components/sudo/sudo-dialog';
import { useApiData } from '../../components/use-api-data';
import { secondFactor } from '../sign-in/finish-sign-in';
import { RecoveryCodes } from './recovery-codes';
import { useAction } from '../../components/use-action';

type Setup = Reply<'/api/auth/totp/setup', 'post'>;
type Step = { kind: 'idle' } | { kind: 'scan'; setup: Setup } | { kind: 'codes'; codes: string[]; savedSentence: string };

/** Two-factor sign-in: whether it is on, turning it on (scan, confirm a code, save recovery codes) and off. */
export function TwoFactorSection() {
  const status = useApiData(async () => unwrap(await api.GET('/api/auth/totp')), []);
  const sudo = useSudo();
  const action = useAction();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [notice, setNotice] = useState<string>();

  const begin = () =>
    action.run(async () => {
      const setup = await sudo(async () => unwrap(await api.POST('/api/auth/totp/setup')));
      setNotice(undefined);
      setStep({ kind: 'scan', setup });
    });

  const regenerate = () =>
    action.run(async () => {
      const { recovery_codes } = await sudo(async () => unwrap(await api.POST('/api/auth/totp/recovery-codes')));
      setStep({ kind: 'codes', codes: recovery_codes, savedSentence: 'New recovery codes saved; the old ones no longer work.' });
    });

  const finish = async (sentence: string) => {
    setStep({ kind: 'idle' });
    await status.reload();
    setNotice(sentence);
  };

  let body;
  if (step.kind === 'scan') body = <ScanStep setup={step.setup} onEnabled={(codes) => setStep({ kind: 'codes', codes, savedSentence: 'Two-factor sign-in is on. Signing in now asks for a code.' })} onCancel={() => setStep({ kind: 'idle' })} />;
  else if (step.kind === 'codes') body = <RecoveryCodes codes={step.codes} onSaved={() => void finish(step.savedSentence)} />;
  else if (status.data?.enabled) {
    body = (
      <>
        <p>
          <strong>Two-factor sign-in is on.</strong> {status.data.recovery_codes_remaining} recovery codes left.
        </p>
        <div>
          <button type="button" className="secondary" disabled={action.busy} onClick={() => void regenerate()}>
            Make new recovery codes
          </button>
        </div>
        <DisableForm onDisabled={() => void finish('Two-factor sign-in is off.')} />
      </>
    );
  } else if (status.data) {
    body = (
      <>
        <p>
          <strong>Two-factor sign-in is off.</strong> With it on, signing in also asks for a code from an authenticator app on your phone.
        </p>
        <div>
          <button type="button" disabled={action.busy} onClick={() => void begin()}>
            Set up two-factor sign-in
          </button>
        </div>
      </>
    );
  }

  return (
    <section aria-labelledby="two-factor-heading" className="account-section">
      <h2 id="two-factor-heading">Two-factor sign-in</h2>
      <ErrorNotice error={status.error} />
      {body}
      <ErrorNotice error={action.error} />
      <StatusNotice>{notice}</StatusNotice>
    </section>
  );
}

function ScanStep({ setup, onEnabled, onCancel }: { setup: Setup; onEnabled: (codes: string[]) => void; onCancel: () => void }) {
  const sudo = useSudo();
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code')).replace(/\s+/g, '');
    await action.run(async () => {
      const { recovery_codes } = await sudo(async () => unwrap(await api.POST('/api/auth/totp/enable', { body: { code } })));
      onEnabled(recovery_codes);
    });
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="stack" aria-labelledby="scan-heading">
      <h3 id="scan-heading" ref={heading} tabIndex={-1}>
        Add Sakuga to your authenticator app
      </h3>
      <p>Scan this QR code with the app (for example Aegis, 2FAS or Google Authenticator).</p>
      <QrImage svg={setup.qr_svg} label="QR code for your authenticator app" />
      <Field label="Secret key" className="mono" value={setup.secret} readOnly hint="Cannot scan? Type this key into the app instead." />
      <Field label="Code from the app" name="code" autoComplete="one-time-code" inputMode="numeric" required hint="The 6 digits the app shows for Sakuga." />
      <ErrorNotice error={action.error} />
      <div className="row">
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Checking…' : 'Turn on two-factor sign-in'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DisableForm({ onDisabled }: { onDisabled: () => void }) {
  const action = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const factor = secondFactor(String(data.get('code')));
    const body = { password: String(data.get('password')), ...('totp_code' in factor ? { code: factor.totp_code } : factor) };
    if (await action.run(async () => void unwrap(await api.POST('/api/auth/totp/disable', { body })))) onDisabled();
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="stack" aria-labelledby="disable-heading">
      <h3 id="disable-heading">Turn two-factor sign-in off</h3>
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Field label="Code or recovery code" name="code" autoComplete="one-time-code" required hint="A code from your authenticator app, or one of your recovery codes." />
      <ErrorNotice error={action.error} />
      <div>
        <button type="submit" className="danger" disabled={action.busy}>
          Turn off two-factor sign-in
        </button>
      </div>
    </form>
  );
}
