import type { Body } from '../../api/types';

/** The imports a dub takes, in the order the form shows them, each with the upload kind it must be. */
export const IMPORTS = [
  { key: 'translated_subtitles', label: 'Translated subtitles', kind: 'subtitles', hint: 'SRT or WebVTT in the dub\u2019s language: no transcription or translation needed.' },
  { key: 'source_subtitles', label: 'Original subtitles', kind: 'subtitles', hint: 'SRT or WebVTT in the video\u2019s language: no transcription needed.' },
  { key: 'segments_json', label: 'Segments document', kind: 'data', hint: 'A segments.json, e.g. from an earlier dub.' },
  { key: 'diarization_json', label: 'Speaker turns', kind: 'data', hint: 'Diarization JSON: who speaks when.' },
] as const;
export type ImportKey = (typeof IMPORTS)[number]['key'];

export interface DubFormValues {
  readonly uploadId: string;
  readonly targetLanguage: string;
  readonly sourceLanguage: string;
  readonly imports: Partial<Record<ImportKey, string>>;
  /** '' means the target language's own voice. */
  readonly voice: string;
  readonly speakerVoices: ReadonlyArray<{ readonly speaker: string; readonly voice: string }>;
  readonly loudness: 'standard' | 'broadcast';
  /** '' means the person's own default (their settings, else the server's). */
  readonly privacyMode: '' | NonNullable<DubJobBody['privacy_mode']>;
}

export type DubJobBody = Body<'/api/jobs', 'post'>;

/**
 * The POST /api/jobs body for what the form holds: empty fields left out (the
 * server's defaults apply), ids trimmed, a speaker row without both a name and
 * a voice ignored. The server checks everything again; this only keeps the
 * request to what the person actually chose.
 */
export function dubJobBody(values: DubFormValues): DubJobBody {
  const imports = Object.fromEntries(IMPORTS.map(({ key }) => [key, values.imports[key]?.trim() ?? '']).filter(([, id]) => id !== ''));
  const voices = Object.fromEntries(values.speakerVoices.map((row) => [row.speaker.trim(), row.voice] as const).filter(([speaker, voice]) => speaker !== '' && voice !== ''));
  return {
    type: 'dub',
    options: {
      upload_id: values.uploadId.trim(),
      target_language: values.targetLanguage,
      ...(values.sourceLanguage && { source_language: values.sourceLanguage }),
      ...(Object.keys(imports).length > 0 && { imports }),
      ...(values.voice && { voice: values.voice }),
      ...(Object.keys(voices).length > 0 && { voices }),
      ...(values.loudness !== 'standard' && { loudness: values.loudness }),
    },
    ...(values.privacyMode && { privacy_mode: values.privacyMode }),
  };
}

/** A person's saved defaults (GET /api/settings), as far as the form takes them. */
export interface DubDefaults {
  readonly target_language: string | null;
  readonly voice: string | null;
}

/** The form with the person's defaults in it, where they have some; what they chose already stays. */
export function withDefaults(values: DubFormValues, defaults: DubDefaults): DubFormValues {
  return { ...values, targetLanguage: defaults.target_language ?? values.targetLanguage, voice: defaults.voice ?? values.voice };
}

/** What the form starts with: uploads passed in the address (`/jobs/new?upload=<id>&translated_subtitles=<id>`). */
export function initialValues(search: URLSearchParams): DubFormValues {
  const id = (name: string) => {
    const value = search.get(name) ?? '';
    return /^[0-9a-f]{32}$/.test(value) ? value : '';
  };
  return {
    uploadId: id('upload'),
    targetLanguage: 'en',
    sourceLanguage: '',
    imports: Object.fromEntries(IMPORTS.map(({ key }) => [key, id(key)])),
    voice: '',
    speakerVoices: [],
    loudness: 'standard',
    privacyMode: '',
  };
}

/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts,
 * and Sakuga may be reached over plain HTTP on a LAN; getRandomValues works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `dub-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export interface Voice {
  readonly id: string;
  readonly name?: string;
}

/**
 * The voices that speak a language first. espeak's ids carry it after the
 * family (`gmw/en-US`); voices of other engines (`af_heart`) say nothing, so
 * they all stay in the second group.
 */
export function voicesFor(voices: readonly Voice[], language: string): { matching: Voice[]; others: Voice[] } {
  const primary = language.split('-')[0]!.toLowerCase();
  const speaks = (voice: Voice) => (voice.id.split('/').pop() ?? '').toLowerCase().split('-')[0] === primary;
  return { matching: voices.filter(speaks), others: voices.filter((voice) => !speaks(voice)) };
}
