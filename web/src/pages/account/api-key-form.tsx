import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';
import { ErrorNotice, Field, SelectField, StatusNotice } from '../../components/form';
import { useSudo } from '../../components/sudo/sudo-dialog';
import { useApiData } from '../../components/use-api-data';
import { useSession } from '../../session/session';
import { grantableScopes, KEY_LIFETIMES } from './account-format';
import { useAction } from '../../components/use-action';

type CreatedKey = Reply<'/api/keys', 'post'>;

/** A new API key: a name, the scopes it may use, a lifetime. Its secret is shown once. */
export function ApiKeyForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const { user } = useSession();
  const scopes = useApiData(async () => unwrap(await api.GET('/api/keys/scopes')).scopes, []);
  const sudo = useSudo();
  const action = useAction();
  const [created, setCreated] = useState<CreatedKey>();
  const [noScope, setNoScope] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const chosen = data.getAll('scope').map(String);
    setNoScope(chosen.length === 0);
    if (chosen.length === 0) return;
    const body = { name: String(data.get('name')).trim(), scopes: chosen, expires_in_days: Number(data.get('expires_in_days')) };
    const done = await action.run(async () => {
      setCreated(await sudo(async () => unwrap(await api.POST('/api/keys', { body }))));
      await onCreated();
    });
    if (done) form.reset();
  }

  const offered = user ? grantableScopes(scopes.data ?? [], user.role) : [];
  return (
    <div className="stack">
      {created && <NewKeySecret created={created} onDone={() => setCreated(undefined)} />}
      <form onSubmit={(event) => void submit(event)} className="stack" aria-labelledby="new-key-heading">
        <h3 id="new-key-heading">Create a key</h3>
        <Field label="Key name" name="name" maxLength={100} required autoComplete="off" hint="What it is for, for example “Backup script”." />
        <ErrorNotice error={scopes.error} />
        <fieldset>
          <legend>What the key may do</legend>
          {offered.map((entry) => (
            <div key={entry.scope} className="check">
              <input type="checkbox" id={`scope-${entry.scope}`} name="scope" value={entry.scope} aria-describedby={`scope-${entry.scope}-doc`} />
              <label htmlFor={`scope-${entry.scope}`}>
                <code>{entry.scope}</code>
              </label>
              <small id={`scope-${entry.scope}-doc`} className="hint">
                {entry.doc}
              </small>
            </div>
          ))}
        </fieldset>
        {noScope && (
          <p role="alert" className="notice notice-error">
            Choose at least one thing the key may do.
          </p>
        )}
        <SelectField label="Expires after" name="expires_in_days" defaultValue="30" options={KEY_LIFETIMES} />
        <ErrorNotice error={action.error} />
        <div>
          <button type="submit" disabled={action.busy}>
            {action.busy ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
    </div>
  );
}

function NewKeySecret({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<string>();
  useEffect(() => heading.current?.focus(), [created]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('Copied.');
    } catch {
      setCopied('The browser did not allow copying; select the key and copy it by hand.');
    }
  }

  return (
    <div className="stack new-secret">
      <h3 ref={heading} tabIndex={-1}>
        Key “{created.name}” created
      </h3>
      <p>Copy it now: Sakuga shows it only this once. Send it as <code>Authorization: Bearer …</code> or <code>X-Api-Key</code>.</p>
      <Field label="Your new key" className="mono secret" value={created.key} readOnly />
      <div className="row">
        <button type="button" onClick={() => void copy()}>
          Copy the key
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done
        </button>
      </div>
      <StatusNotice>{copied}</StatusNotice>
    </div>
  );
}
