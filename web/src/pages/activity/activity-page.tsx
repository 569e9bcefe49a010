import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { AuditEventList } from '../../components/audit-event-list';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';

/** Anyone's own security events: sign-ins, changes to the account, refusals. */
export default function ActivityPage() {
  const events = useApiData(async () => unwrap(await api.GET('/api/audit/recent', { params: { query: { limit: 100 } } })).events, []);
  return (
    <section>
      <h1>Your activity</h1>
      <p>Sign-ins and changes to your account, newest first. If something here was not you, change your password and end your other sessions.</p>
      <ErrorNotice error={events.error} />
      {events.loading && !events.data && <p role="status">Loading…</p>}
      {events.data && <AuditEventList events={events.data} />}
    </section>
  );
}
