/**
 * A line preview's stage and artifact names, in a module of their own so the
 * job process (which loads no schemas) and the server share them.
 */

/** The one stage of a preview: speak the line, fit it to its slot, publish the artifact. */
export const PREVIEW_STAGES = ['synthesize'] as const;
/** The artifact a preview publishes: WAV plays in every browser and needs no encoder. */
export const PREVIEW_ARTIFACT = 'preview.wav';
