import { defineErrors } from '../http/app-error.js';

/** Why a dub is refused at submission: its imports, its video, or an engine this server lacks. */
export const dubErrors = defineErrors({
  import_unreadable: { status: 422, message: 'An imported file cannot be read (not UTF-8, not JSON, malformed or without cues).' },
  import_format_unsupported: { status: 422, message: 'Imported subtitles must be SRT or WebVTT.' },
  import_cue_empty: { status: 422, message: 'An imported line has no text (or far too much).' },
  import_cue_out_of_range: { status: 422, message: 'An imported line lies outside the video (ends before it starts, or past the end).' },
  import_cues_overlap: { status: 422, message: 'Two imported lines overlap.' },
  import_too_many_cues: { status: 422, message: 'The import has more lines than one dub may have.' },
  import_cues_mismatch: { status: 422, message: 'The imports do not fit together (different cues, or both a segments document and subtitles).' },
  import_segments_invalid: { status: 422, message: 'The segments document does not fit its schema (docs/segments.schema.json).' },
  import_diarization_invalid: { status: 422, message: 'The diarization document does not fit its format.' },
  video_has_no_audio: { status: 422, message: 'The video has no audio to transcribe; import subtitles or a segments document.' },
  asr_engine_unavailable: { status: 422, message: 'This dub needs speech recognition and no ASR engine is configured (ASR_ENGINE); import subtitles instead.' },
  translate_engine_unavailable: { status: 422, message: 'This dub needs translation and no translation engine is configured (TRANSLATE_ENGINE); import translated subtitles instead.' },
  tts_engine_unavailable: { status: 422, message: 'No voice is available: the offline voice is not installed and no TTS engine is configured (TTS_ENGINE).' },
});
