import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';
import { ErrorNotice, StatusNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { shortDate, timeAgo } from './account-format';
import { ApiKeyForm } from './api-key-form';
import { useAction } from '../../components/use-action';

type ApiKey = Reply<'/api/keys', 'get'>['keys'][number];

/** API keys for scripts and other programs: each with its own scopes and end date, revocable at once. */
export function ApiKeysSection() {
  const keys = useApiData(async () => unwrap(await api.GET('/api/keys')).keys, []);
  const action = useAction();

  const revoke = (key: ApiKey) =>
    action.run(async () => {
      unwrap(await api.DELETE('/api/keys/{id}', { params: { path: { id: key.id } } }));
      await keys.reload();
      return `Key “${key.name}” was revoked; it no longer works.`;
    });

  return (
    <section aria-labelledby="keys-heading" className="account-section">
      <h2 id="keys-heading">API keys</h2>
      <p>A key lets a script or another program use Sakuga as you, limited to what you choose.</p>
      <ErrorNotice error={keys.error} />
      {keys.data?.length === 0 && <p>You have no API keys.</p>}
      {keys.data && keys.data.length > 0 && (
        <ul className="cards" aria-label="Your API keys">
          {keys.data.map((key) => (
            <li key={key.id}>
              <h3>{key.name}</h3>
              <p>
                <code>{key.prefix}…</code> · {key.scopes.join(', ')}
              </p>
              <p>
                Expires {shortDate(key.expires_at)}; {key.last_used_at ? <>last used {timeAgo(key.last_used_at)}</> : 'not used yet'}.
              </p>
              <button type="button" className="danger" disabled={action.busy} aria-label={`Revoke ${key.name}`} onClick={() => void revoke(key)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={action.error} />
      <StatusNotice>{action.status}</StatusNotice>
      <ApiKeyForm onCreated={keys.reload} />
    </section>
  );
}
