/**
 * Why an imported file cannot drive a dub, known at submission. Each is a
 * stable code in the jobs error catalogue (pipeline/errors.ts); `detail` says
 * where (a cue number, a field), never the file's text.
 */
export type ImportProblemCode =
  | 'import_unreadable'
  | 'import_format_unsupported'
  | 'import_cue_empty'
  | 'import_cue_out_of_range'
  | 'import_cues_overlap'
  | 'import_too_many_cues'
  | 'import_cues_mismatch'
  | 'import_segments_invalid'
  | 'import_diarization_invalid'
  | 'video_has_no_audio';

export class ImportProblem extends Error {
  constructor(
    readonly code: ImportProblemCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ImportProblem';
  }
}

/** Decodes an imported file as strict UTF-8 (a BOM dropped); anything else is unreadable. */
export function decodeImport(bytes: Uint8Array, which: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw new Error('NUL');
    return text.replace(/^\uFEFF/, '');
  } catch {
    throw new ImportProblem('import_unreadable', `${which} is not UTF-8 text`);
  }
}
