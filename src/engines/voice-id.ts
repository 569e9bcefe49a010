/**
 * What a voice id may be, everywhere one is accepted (job options, the
 * configuration, the child protocol, engine replies): the ids engines use —
 * Kokoro's `af_heart` and blends `af_bella+af_sky(2)`, espeak's `gmw/en-US` —
 * and nothing that could break out of a JSON string or a command line, or
 * read as a path (no leading `/`, no `..`).
 */
export const VOICE_ID = /^(?!\/)(?!.*\.\.)[A-Za-z0-9._+()/-]{1,128}$/;
