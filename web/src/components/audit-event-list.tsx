import { Fragment } from 'react';
import type { Reply } from '../api/types';
import { describeAction, describeResult, describeTarget, describeValue, humanise } from './audit-words';

type AdminEvent = Reply<'/api/admin/audit', 'get'>['events'][number];
type OwnEvent = Reply<'/api/audit/recent', 'get'>['events'][number];
export type AuditEvent = OwnEvent & { actor?: AdminEvent['actor'] };

function actorName(actor: AuditEvent['actor'], usernames: ReadonlyMap<string, string>): string | undefined {
  if (!actor) return undefined;
  if (actor.type === 'user' && actor.id) return usernames.get(actor.id) ?? actor.id;
  return actor.type === 'anonymous' ? 'Someone not signed in' : humanise(actor.type);
}

/**
 * Security events as cards (one column on a phone): what happened in words,
 * the outcome, when (in the reader's time zone), from where, to what, and
 * the details as a short definition list.
 */
export function AuditEventList({ events, usernames = new Map() }: { events: readonly AuditEvent[]; usernames?: ReadonlyMap<string, string> }) {
  if (events.length === 0) return <p>No events match.</p>;
  return (
    <ul className="cards events" aria-label="Events">
      {events.map((event, index) => {
        const by = actorName(event.actor, usernames);
        const target = describeTarget(event.target, usernames);
        return (
          <li key={`${event.time}-${event.request_id ?? ''}-${index}`}>
            <p className="event-title">
              <strong>{describeAction(event.action)}</strong> <span className={`result result-${event.result}`}>{describeResult(event.result)}</span>
            </p>
            <dl className="facts">
              <dt>Time</dt>
              <dd>
                <time dateTime={event.time}>{new Date(event.time).toLocaleString()}</time>
              </dd>
              {by && (
                <>
                  <dt>By</dt>
                  <dd>{by}</dd>
                </>
              )}
              <dt>Address</dt>
              <dd>{event.ip ?? '—'}</dd>
              {target && (
                <>
                  <dt>Target</dt>
                  <dd>{target}</dd>
                </>
              )}
              {Object.entries(event.details).map(([key, value]) => (
                <Fragment key={key}>
                  <dt>{humanise(key)}</dt>
                  <dd>{describeValue(value)}</dd>
                </Fragment>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
