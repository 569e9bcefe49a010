import type { VoiceInfo } from './protocol.js';

/** The language tried when nothing in the voice list speaks the requested one. */
export const FALLBACK_LANGUAGE = 'en';

/**
 * The espeak-ng voice for a BCP 47 tag (`ja`, `en`, `pt-BR`, `zh-Hans`,
 * `sr-Latn-RS`…), chosen from `voices` (the voice program's list). espeak-ng
 * names its languages with lower-case tags of the same shape, each with a
 * priority (smaller is a better match), so the tag is matched case-blind and
 * shortened one subtag at a time (RFC 4647 §3.4 lookup): `pt-BR` finds the
 * Brazilian voice, `zh-Hans` falls back to `zh`, which espeak-ng gives to
 * Mandarin. A language espeak-ng does not speak gets the FALLBACK_LANGUAGE
 * voice, then the first voice; `matched` says which happened.
 */
export function voiceForLanguage(tag: string, voices: readonly VoiceInfo[]): { voice: string; matched: boolean } {
  const found = lookup(tag, voices);
  if (found) return { voice: found, matched: true };
  const fallback = lookup(FALLBACK_LANGUAGE, voices) ?? voices[0]?.id;
  if (fallback === undefined) throw new Error('the voice list is empty');
  return { voice: fallback, matched: false };
}

function lookup(tag: string, voices: readonly VoiceInfo[]): string | undefined {
  const subtags = tag.trim().toLowerCase().replaceAll('_', '-').split('-');
  for (let length = subtags.length; length > 0; length--) {
    // A single-letter subtag (`x`, `u`) only introduces what follows; it is never a language by itself.
    if (subtags[length - 1]?.length === 1) continue;
    const candidate = subtags.slice(0, length).join('-');
    let best: { id: string; priority: number } | undefined;
    for (const voice of voices) {
      const language = voice.languages.find((entry) => entry.tag === candidate);
      if (language && (!best || language.priority < best.priority)) best = { id: voice.id, priority: language.priority };
    }
    if (best) return best.id;
  }
  return undefined;
}
