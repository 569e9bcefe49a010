import { formatDuration } from './format';

interface StreamFacts {
  readonly type?: string;
  readonly codec?: string;
  readonly width?: number;
  readonly height?: number;
  readonly sampleRate?: number;
  readonly channels?: number;
}

/** The server's `media` is open-ended JSON; only what it is known to send is read, and only if it has the right type. */
interface MediaFacts {
  readonly durationSeconds?: number;
  readonly width?: number;
  readonly height?: number;
  readonly format?: string;
  readonly streams?: readonly StreamFacts[];
}

function describeStream(stream: StreamFacts): string {
  const details = [
    stream.codec,
    stream.width && stream.height ? `${stream.width}×${stream.height}` : undefined,
    stream.sampleRate ? `${stream.sampleRate} Hz` : undefined,
    stream.channels ? `${stream.channels} ${stream.channels === 1 ? 'channel' : 'channels'}` : undefined,
  ].filter(Boolean);
  return `${stream.type ?? 'unknown'}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** What validation found in an accepted file: duration, resolution, format and streams. */
export function MediaFactsList({ media }: { media: Record<string, unknown> | undefined }) {
  if (!media) return null;
  const facts = media as MediaFacts;
  const rows: Array<[string, string]> = [];
  if (typeof facts.durationSeconds === 'number') rows.push(['Duration', formatDuration(facts.durationSeconds)]);
  if (typeof facts.width === 'number' && typeof facts.height === 'number') rows.push(['Resolution', `${facts.width}×${facts.height}`]);
  if (typeof facts.format === 'string') rows.push(['Format', facts.format]);
  if (Array.isArray(facts.streams) && facts.streams.length > 0) rows.push(['Streams', facts.streams.map(describeStream).join('; ')]);
  if (rows.length === 0) return null;
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
