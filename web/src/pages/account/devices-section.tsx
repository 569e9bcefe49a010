import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';
import { ErrorNotice, StatusNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { revokedOthersSentence, timeAgo } from './account-format';
import { useAction } from '../../components/use-action';

type Device = Reply<'/api/auth/sessions', 'get'>['sessions'][number];

/** Where this account is signed in; any other device can be signed out from here. */
export function DevicesSection() {
  const devices = useApiData(async () => unwrap(await api.GET('/api/auth/sessions')).sessions, []);
  const action = useAction();
  const others = devices.data?.filter((device) => !device.current) ?? [];

  const revoke = (device: Device) =>
    action.run(async () => {
      unwrap(await api.DELETE('/api/auth/sessions/{id}', { params: { path: { id: device.id } } }));
      await devices.reload();
      return `${deviceLabel(device)} was signed out.`;
    });

  const revokeOthers = () =>
    action.run(async () => {
      const { revoked } = unwrap(await api.POST('/api/auth/sessions/revoke-others'));
      await devices.reload();
      return revokedOthersSentence(revoked);
    });

  return (
    <section aria-labelledby="devices-heading" className="account-section">
      <h2 id="devices-heading">Devices</h2>
      <ErrorNotice error={devices.error} />
      {devices.data && (
        <ul className="cards device-list">
          {devices.data.map((device) => (
            <li key={device.id}>
              <h3>
                {deviceLabel(device)}
                {device.current && <span className="badge badge-ok">This device</span>}
              </h3>
              {device.user_agent && <p className="small">{device.user_agent}</p>}
              <p>
                Last used <time dateTime={device.last_seen_at} title={new Date(device.last_seen_at).toLocaleString()}>{timeAgo(device.last_seen_at)}</time>
                {device.last_seen_ip && <> from {device.last_seen_ip}</>}
              </p>
              {!device.current && (
                <button type="button" className="danger" disabled={action.busy} aria-label={`Sign out ${deviceLabel(device)}`} onClick={() => void revoke(device)}>
                  Sign out
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={action.error} />
      <StatusNotice>{action.status}</StatusNotice>
      {others.length > 0 && (
        <button type="button" className="secondary" disabled={action.busy} onClick={() => void revokeOthers()}>
          Sign out everywhere else
        </button>
      )}
    </section>
  );
}

function deviceLabel(device: Device): string {
  return device.device_name ?? (device.mode === 'token' ? 'An app' : 'A browser');
}
