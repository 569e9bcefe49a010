import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, SelectField } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { dubJobBody, type DubFormValues, IMPORTS, initialValues, withDefaults } from './dub-form';
import { PRIVACY_WORDS, privacyLabel } from '../settings/privacy-words';
import { useJobSubmission } from './use-job-submission';
import { LANGUAGES } from './languages';
import { useUploads } from '../uploads/use-uploads';
import { UploadField } from './upload-field';
import { VoiceOptions } from './voice-options';

/** A new dub: the video, optional imports, languages, voices and loudness; submitted once however often it is tapped. */
export default function NewDubPage() {
  const [search] = useSearchParams();
  const [values, setValues] = useState<DubFormValues>(() => initialValues(search));
  const { busy, error, submit: submitJob } = useJobSubmission();
  const engines = useApiData(async () => unwrap(await api.GET('/api/engines')), []);
  const settings = useApiData(async () => unwrap(await api.GET('/api/settings')), []);
  const uploads = useUploads();
  const tts = engines.data?.tts;
  const voices = tts?.voices ?? [];
  // The person's defaults fill the form when they arrive, unless they have begun choosing.
  const touched = useRef(false);
  const set = (change: Partial<DubFormValues>) => {
    touched.current = true;
    setValues((current) => ({ ...current, ...change }));
  };
  useEffect(() => {
    if (settings.data && !touched.current) setValues((current) => withDefaults(current, settings.data!));
  }, [settings.data]);
  const privacy = settings.data?.privacy;
  const ownDefault = settings.data?.privacy_mode ?? privacy?.default;
  const hasImports = IMPORTS.some(({ key }) => values.imports[key]?.trim());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submitJob(dubJobBody(values));
  }

  return (
    <section>
      <h1>Dub a video</h1>
      <p>
        Choose a video from <Link to="/uploads">your uploads</Link> (upload it there first), and subtitles if you have them.
      </p>
      <form className="stack" onSubmit={submit} aria-describedby="dub-errors">
        <ErrorNotice error={uploads.error} />
        <UploadField
          label="Video upload"
          name="upload_id"
          kind="video"
          required
          hint="An accepted video from your uploads."
          choices={uploads.uploads}
          value={values.uploadId}
          onChange={(uploadId) => set({ uploadId })}
        />

        <SelectField label="Dub into" name="target_language" value={values.targetLanguage} onChange={(event) => set({ targetLanguage: event.target.value })} required>
          {LANGUAGES.map((language) => (
            <option key={language.code} value={language.code}>
              {language.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Language of the video" name="source_language" value={values.sourceLanguage} onChange={(event) => set({ sourceLanguage: event.target.value })}>
          <option value="">Not sure (detect it)</option>
          {LANGUAGES.map((language) => (
            <option key={language.code} value={language.code}>
              {language.name}
            </option>
          ))}
        </SelectField>

        <fieldset className="stack">
          <legend>Imports (optional)</legend>
          {engines.data && !engines.data.asr.engine && !hasImports && (
            <p className="hint">This server has no speech recognition, so the dub needs subtitles or a segments document.</p>
          )}
          {IMPORTS.map((input) => (
            <UploadField
              key={input.key}
              label={input.label}
              name={input.key}
              kind={input.kind}
              hint={input.hint}
              choices={uploads.uploads}
              value={values.imports[input.key] ?? ''}
              onChange={(id) => set({ imports: { ...values.imports, [input.key]: id } })}
            />
          ))}
        </fieldset>

        <fieldset className="stack">
          <legend>Voices</legend>
          <ErrorNotice error={engines.error} />
          <SelectField
            label="Voice"
            name="voice"
            value={values.voice}
            onChange={(event) => set({ voice: event.target.value })}
            hint={tts?.engine ? `Voices of ${tts.engine}.` : engines.data ? 'This server has no voice engine configured.' : undefined}
          >
            <option value="">{tts?.default_voice ? `Default (${tts.default_voice})` : 'Default for the language'}</option>
            <VoiceOptions voices={voices} language={values.targetLanguage} />
          </SelectField>
          {values.speakerVoices.map((row, index) => (
            <div className="speaker-row" key={index}>
              <div className="field">
                <label htmlFor={`speaker-${index}`}>Speaker {index + 1}</label>
                <input
                  id={`speaker-${index}`}
                  value={row.speaker}
                  maxLength={64}
                  placeholder="e.g. Mika or SPEAKER_00"
                  onChange={(event) => set({ speakerVoices: values.speakerVoices.map((r, i) => (i === index ? { ...r, speaker: event.target.value } : r)) })}
                />
              </div>
              <SelectField
                label={`Voice of speaker ${index + 1}`}
                value={row.voice}
                onChange={(event) => set({ speakerVoices: values.speakerVoices.map((r, i) => (i === index ? { ...r, voice: event.target.value } : r)) })}
              >
                <option value="">Choose a voice</option>
                <VoiceOptions voices={voices} language={values.targetLanguage} />
              </SelectField>
              <button type="button" className="secondary" onClick={() => set({ speakerVoices: values.speakerVoices.filter((_, i) => i !== index) })}>
                Remove speaker {index + 1}
              </button>
            </div>
          ))}
          {voices.length > 0 && values.speakerVoices.length < 50 && (
            <p>
              <button type="button" className="secondary" onClick={() => set({ speakerVoices: [...values.speakerVoices, { speaker: '', voice: '' }] })}>
                Add a voice for a speaker
              </button>
            </p>
          )}
          <p className="hint">Speakers are named by the speaker turns or the segments document.</p>
        </fieldset>

        <fieldset>
          <legend>Loudness</legend>
          <label className="choice">
            <input type="radio" name="loudness" value="standard" checked={values.loudness === 'standard'} onChange={() => set({ loudness: 'standard' })} /> Standard: phones and the web (−16 LUFS)
          </label>
          <label className="choice">
            <input type="radio" name="loudness" value="broadcast" checked={values.loudness === 'broadcast'} onChange={() => set({ loudness: 'broadcast' })} /> Broadcast: EBU R 128 (−23 LUFS)
          </label>
        </fieldset>

        {privacy && (
          <SelectField
            label="Privacy mode"
            name="privacy_mode"
            value={values.privacyMode}
            onChange={(event) => set({ privacyMode: event.target.value as DubFormValues['privacyMode'] })}
            hint={<>{PRIVACY_WORDS[values.privacyMode || ownDefault || 'off']?.keeps} <Link to="/settings">Your settings</Link> choose the default.</>}
          >
            <option value="">Your default ({privacyLabel(ownDefault ?? 'off')})</option>
            {privacy.allowed.map((mode) => (
              <option key={mode} value={mode}>
                {privacyLabel(mode)}
              </option>
            ))}
          </SelectField>
        )}

        <div id="dub-errors">
          <ErrorNotice error={error} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Submitting…' : 'Start the dub'}
        </button>
      </form>
    </section>
  );
}
