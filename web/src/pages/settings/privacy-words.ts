/** A privacy mode as a person reads it: its name and what it keeps. The server's policy is the one that acts (storage/privacy-policy.ts). */
export const PRIVACY_WORDS: Readonly<Record<string, { readonly label: string; readonly keeps: string }>> = {
  off: { label: 'Off', keeps: 'Everything is kept: the working files a re-render reuses, the audio taken from the video, your uploads. The job log may quote a few lines.' },
  balanced: { label: 'Balanced', keeps: 'After a dub succeeds, its working files and the audio taken from the video are removed; your uploads stay. No line of the transcript goes into the job log.' },
  minimal: { label: 'Minimal', keeps: 'Only the finished outputs stay: your uploads for the job are erased once it succeeds (so a dub cannot be re-rendered), with everything balanced removes.' },
};

export const privacyLabel = (mode: string) => PRIVACY_WORDS[mode]?.label ?? mode;
