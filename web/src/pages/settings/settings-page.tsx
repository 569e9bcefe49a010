import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Body } from '../../api/types';
import { ErrorNotice, SelectField, StatusNotice } from '../../components/form';
import { useAction } from '../../components/use-action';
import { useApiData } from '../../components/use-api-data';
import { LANGUAGES } from '../jobs/languages';
import { VoiceOptions } from '../jobs/voice-options';
import { PRIVACY_WORDS, privacyLabel } from './privacy-words';

type SettingsBody = Body<'/api/settings', 'put'>;

/** Your defaults for new dubs (language, voice) and your privacy mode, within the modes this server allows. */
export default function SettingsPage() {
  const settings = useApiData(async () => unwrap(await api.GET('/api/settings')), []);
  const engines = useApiData(async () => unwrap(await api.GET('/api/engines')), []);
  const [values, setValues] = useState<SettingsBody>({ target_language: null, voice: null, privacy_mode: null });
  const save = useAction();
  const loaded = settings.data;
  useEffect(() => {
    if (loaded) setValues({ target_language: loaded.target_language, voice: loaded.voice, privacy_mode: loaded.privacy_mode });
  }, [loaded]);
  const set = (change: Partial<SettingsBody>) => setValues((current) => ({ ...current, ...change }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save.run(async () => {
      unwrap(await api.PUT('/api/settings', { body: values }));
      await settings.reload();
      return 'Your settings are saved; new jobs start from them.';
    });
  }

  if (!loaded) return settings.error ? <ErrorNotice error={settings.error} /> : <p role="status">Loading…</p>;
  const { privacy } = loaded;
  return (
    <section>
      <h1>Settings</h1>
      <p>What a new dub starts with. You can still change any of it on the dub's own form.</p>
      <form className="stack" onSubmit={submit}>
        <SelectField label="Dub into" name="target_language" value={values.target_language ?? ''} onChange={(event) => set({ target_language: event.target.value || null })}>
          <option value="">Choose each time (English first)</option>
          {LANGUAGES.map((language) => (
            <option key={language.code} value={language.code}>
              {language.name}
            </option>
          ))}
        </SelectField>
        <ErrorNotice error={engines.error} />
        <SelectField label="Voice" name="voice" value={values.voice ?? ''} onChange={(event) => set({ voice: event.target.value || null })} hint={engines.data?.tts.engine ? `Voices of ${engines.data.tts.engine}.` : undefined}>
          <option value="">The server's default for the language</option>
          <VoiceOptions voices={engines.data?.tts.voices ?? []} language={values.target_language ?? 'en'} />
        </SelectField>

        <fieldset className="stack">
          <legend>Privacy mode</legend>
          <label className="choice">
            <input type="radio" name="privacy_mode" value="" checked={values.privacy_mode === null} onChange={() => set({ privacy_mode: null })} /> The server's default ({privacyLabel(privacy.default)})
          </label>
          {privacy.allowed.map((mode) => (
            <div key={mode}>
              <label className="choice">
                <input type="radio" name="privacy_mode" value={mode} checked={values.privacy_mode === mode} onChange={() => set({ privacy_mode: mode })} aria-describedby={`privacy-${mode}-keeps`} /> {privacyLabel(mode)}
              </label>
              <p className="hint" id={`privacy-${mode}-keeps`}>
                {PRIVACY_WORDS[mode]?.keeps}
              </p>
            </div>
          ))}
          {privacy.allowed.length < 3 && <p className="hint">This server does not offer the modes that keep more than these.</p>}
          <p className="hint">Each job says what its mode removed in its file retention_report.json.</p>
        </fieldset>

        <ErrorNotice error={save.error} />
        {save.status && <StatusNotice>{save.status}</StatusNotice>}
        <button type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save settings'}
        </button>
      </form>
    </section>
  );
}
