/**
 * The one place that decides what a privacy mode keeps. Every part that
 * removes or withholds something for privacy (the worker after a run, the
 * job log, the retention report) asks here instead of testing mode names;
 * jobs/privacy-cleanup.ts acts on it.
 *
 * - off: everything is kept: what a re-render reuses (a dub's clips and
 *   state) and the audio extracted from the source, beside the uploads; the
 *   job log may sample transcript lines (it helps a bug report).
 * - balanced: after a success, the work dir goes whole (intermediates and the
 *   extracted source audio), and transcript text never reaches the logs.
 * - minimal: also the job's input uploads once it has succeeded (unless
 *   another job still needs them), so only the final outputs remain
 *   (encrypted where encryption at rest is on); a dub can no longer be
 *   re-rendered.
 */
export const PRIVACY_MODES = ['off', 'balanced', 'minimal'] as const;
export type PrivacyMode = (typeof PRIVACY_MODES)[number];

/** What a mode promises, as the parts that act on it read it. */
export interface PrivacyPromise {
  readonly removeIntermediates: boolean;
  readonly removeSourceAudio: boolean;
  readonly removeSourceUpload: boolean;
  readonly transcriptInLogs: boolean;
}

/**
 * The one log field that may hold transcript text (lines as heard or
 * translated): stages put such text there alone, and the worker drops it from
 * the job log of a mode whose promise keeps transcripts out of logs.
 */
export const TRANSCRIPT_LOG_FIELD = 'transcript';

const PROMISES: Readonly<Record<PrivacyMode, PrivacyPromise>> = {
  off: { removeIntermediates: false, removeSourceAudio: false, removeSourceUpload: false, transcriptInLogs: true },
  balanced: { removeIntermediates: true, removeSourceAudio: true, removeSourceUpload: false, transcriptInLogs: false },
  minimal: { removeIntermediates: true, removeSourceAudio: true, removeSourceUpload: true, transcriptInLogs: false },
};

/** The admin's rules: the default for people who have not chosen, the least private mode anyone may choose, and whether minimal needs encryption. */
export interface PrivacyRules {
  readonly defaultMode: PrivacyMode;
  readonly leastMode: PrivacyMode;
  readonly minimalNeedsEncryption: boolean;
  readonly encryptionOn: boolean;
}

export type PrivacyRefusal = 'privacy_mode_not_allowed' | 'encryption_required';

const rank = (mode: PrivacyMode) => PRIVACY_MODES.indexOf(mode);
const stricter = (a: PrivacyMode, b: PrivacyMode): PrivacyMode => (rank(a) >= rank(b) ? a : b);

export const promiseOf = (mode: PrivacyMode): PrivacyPromise => PROMISES[mode];

/**
 * The mode a job runs under. A choice made for this job that is looser than
 * the admin allows is refused (it was asked for explicitly); a saved
 * preference that became too loose after the admin tightened the rules is
 * raised to the least allowed mode (the person chose it under other rules).
 */
export function modeForJob(rules: PrivacyRules, choice: { readonly job?: PrivacyMode; readonly preference?: PrivacyMode }): { mode: PrivacyMode } | { refused: PrivacyRefusal } {
  if (choice.job !== undefined && rank(choice.job) < rank(rules.leastMode)) return { refused: 'privacy_mode_not_allowed' };
  const mode = choice.job ?? stricter(choice.preference ?? rules.defaultMode, rules.leastMode);
  if (mode === 'minimal' && rules.minimalNeedsEncryption && !rules.encryptionOn) return { refused: 'encryption_required' };
  return { mode };
}

/** The modes a person may choose under these rules, least private first. */
export function allowedModes(rules: PrivacyRules): PrivacyMode[] {
  return PRIVACY_MODES.filter((mode) => rank(mode) >= rank(rules.leastMode) && !(mode === 'minimal' && rules.minimalNeedsEncryption && !rules.encryptionOn));
}
