import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import type { Body, Reply } from '../../api/types';
import { ErrorNotice, Field, StatusNotice } from '../../components/form';
import { useSudo } from '../../components/sudo/sudo-dialog';
import { useApiData } from '../../components/use-api-data';
import { shortDate, timeAgo } from './account-format';
import { useAction } from '../../components/use-action';

type Passkey = Reply<'/api/auth/passkeys', 'get'>['passkeys'][number];

/** Passkeys: sign in with the phone's or computer's screen lock instead of a password. */
export function PasskeysSection() {
  const passkeys = useApiData(async () => unwrap(await api.GET('/api/auth/passkeys')).passkeys, []);
  const sudo = useSudo();
  const action = useAction();

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name')).trim() || undefined;
    const added = await action.run(async () => {
      const { challenge_id, options } = await sudo(async () => unwrap(await api.POST('/api/auth/passkeys/register/options')));
      // The browser asks the authenticator; the person may cancel there, which reads as a failure below.
      const response = await startRegistration({ optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON }).catch(() => {
        throw new ApiError('webauthn_failed', 0, 'the browser or the authenticator refused the ceremony');
      });
      // The server's schema is open-ended (WebAuthn JSON grows); the library's type is the closed shape of today.
      const body = { challenge_id, response: response as unknown as Body<'/api/auth/passkeys/register/verify', 'post'>['response'], name };
      const { passkey } = await sudo(async () => unwrap(await api.POST('/api/auth/passkeys/register/verify', { body })));
      await passkeys.reload();
      return `Passkey “${passkey.name}” added.`;
    });
    if (added) form.reset();
  }

  return (
    <section aria-labelledby="passkeys-heading" className="account-section">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p>A passkey signs you in with your device&apos;s screen lock or a security key, with no password to type.</p>
      <ErrorNotice error={passkeys.error} />
      {passkeys.data?.length === 0 && <p>You have no passkeys yet.</p>}
      {passkeys.data && passkeys.data.length > 0 && (
        <ul className="cards" aria-label="Your passkeys">
          {passkeys.data.map((passkey) => (
            <PasskeyItem key={passkey.id} passkey={passkey} onChanged={passkeys.reload} />
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void add(event)} className="stack" aria-label="Add a passkey">
        <Field label="Name for the new passkey" name="name" maxLength={100} autoComplete="off" hint="Optional, for example “Phone” or “Work laptop”." />
        <ErrorNotice error={action.error} />
        <StatusNotice>{action.status}</StatusNotice>
        <div>
          <button type="submit" disabled={action.busy}>
            {action.busy ? 'Waiting for the passkey…' : 'Add a passkey'}
          </button>
        </div>
      </form>
    </section>
  );
}

function PasskeyItem({ passkey, onChanged }: { passkey: Passkey; onChanged: () => Promise<void> }) {
  const sudo = useSudo();
  const action = useAction();
  const [renaming, setRenaming] = useState(false);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);

  async function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name')).trim();
    const renamed = await action.run(async () => {
      unwrap(await api.PATCH('/api/auth/passkeys/{id}', { params: { path: { id: passkey.id } }, body: { name } }));
    });
    if (renamed) {
      setRenaming(false);
      await onChanged();
    }
  }

  const remove = () =>
    action.run(async () => {
      await sudo(async () => unwrap(await api.DELETE('/api/auth/passkeys/{id}', { params: { path: { id: passkey.id } } })));
      await onChanged();
    });

  return (
    <li>
      <h3>{passkey.name}</h3>
      <p>
        Added {shortDate(passkey.created_at)}; {passkey.last_used_at ? <>last used {timeAgo(passkey.last_used_at)}</> : 'not used yet'}.
      </p>
      {renaming ? (
        <form onSubmit={(event) => void rename(event)} className="stack" aria-label={`Rename ${passkey.name}`}>
          <Field label="New name" name="name" defaultValue={passkey.name} minLength={1} maxLength={100} required autoFocus />
          <div className="row">
            <button type="submit" disabled={action.busy}>
              Save name
            </button>
            <button type="button" className="secondary" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : confirmingRemoval ? (
        <div className="row" role="group" aria-label={`Remove ${passkey.name}?`}>
          <span>Remove this passkey?</span>
          <button type="button" className="danger" disabled={action.busy} onClick={() => void remove()} autoFocus>
            Yes, remove it
          </button>
          <button type="button" className="secondary" onClick={() => setConfirmingRemoval(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="secondary" aria-label={`Rename ${passkey.name}`} onClick={() => setRenaming(true)}>
            Rename
          </button>
          <button type="button" className="danger" aria-label={`Remove ${passkey.name}`} onClick={() => setConfirmingRemoval(true)}>
            Remove
          </button>
        </div>
      )}
      <ErrorNotice error={action.error} />
    </li>
  );
}
