import { useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Reply } from '../../api/types';
import { ErrorNotice, StatusNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';

type Session = Reply<'/api/admin/users/{id}/sessions', 'get'>['sessions'][number];

function deviceOf(session: Session): string {
  return session.device_name ?? session.user_agent ?? (session.mode === 'token' ? 'An app or script (token sign-in)' : 'A browser');
}

/** A user's live sessions, each of which the admin can end. */
export function UserSessions({ userId, username, changes }: { userId: string; username: string; changes: number }) {
  const sessions = useApiData(
    async () => unwrap(await api.GET('/api/admin/users/{id}/sessions', { params: { path: { id: userId } } })).sessions,
    [userId, changes],
  );
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState<string>();

  async function end(session: Session) {
    setError(undefined);
    setStatus(undefined);
    try {
      unwrap(await api.DELETE('/api/admin/users/{id}/sessions/{sessionId}', { params: { path: { id: userId, sessionId: session.id } } }));
      setStatus(`Ended ${username}'s session on ${deviceOf(session)}.`);
      await sessions.reload();
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <ErrorNotice error={sessions.error ?? error} />
      <StatusNotice>{status}</StatusNotice>
      {sessions.data?.length === 0 && <p>{username} is not signed in anywhere.</p>}
      {sessions.data && sessions.data.length > 0 && (
        <ul className="cards" aria-label={`${username}'s sessions`}>
          {sessions.data.map((session) => (
            <li key={session.id}>
              <p className="event-title">
                <strong>{deviceOf(session)}</strong>
                {session.current && ' (this session)'}
              </p>
              <dl className="facts">
                <dt>Signed in</dt>
                <dd>
                  <time dateTime={session.created_at}>{new Date(session.created_at).toLocaleString()}</time> from {session.created_ip ?? 'an unknown address'}
                </dd>
                <dt>Last seen</dt>
                <dd>
                  <time dateTime={session.last_seen_at}>{new Date(session.last_seen_at).toLocaleString()}</time> from {session.last_seen_ip ?? 'an unknown address'}
                </dd>
              </dl>
              <button type="button" className="danger" onClick={() => void end(session)}>
                End session
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <button type="button" className="secondary" onClick={() => void sessions.reload()}>
          Refresh sessions
        </button>
      </p>
    </section>
  );
}
