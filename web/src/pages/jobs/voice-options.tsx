import { type Voice, voicesFor } from './dub-form';

/** A voice select's options: those that speak the dub's language first, when any do. */
export function VoiceOptions({ voices, language }: { voices: readonly Voice[]; language: string }) {
  const { matching, others } = voicesFor(voices, language);
  const option = (voice: Voice) => (
    <option key={voice.id} value={voice.id}>
      {voice.name ? `${voice.name} (${voice.id})` : voice.id}
    </option>
  );
  if (matching.length === 0) return <>{others.map(option)}</>;
  return (
    <>
      <optgroup label="Speaks this language">{matching.map(option)}</optgroup>
      <optgroup label="Other voices">{others.map(option)}</optgroup>
    </>
  );
}
