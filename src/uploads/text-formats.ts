/** Stable reasons a text upload is refused. */
export type TextRejection = 'not_utf8' | 'subtitles_invalid' | 'json_invalid' | 'json_too_deep';

const MAX_JSON_DEPTH = 32;

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? undefined : text.replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

const TIMING = String.raw`\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}`;
const SRT_CUE = new RegExp(String.raw`^\s*\d+\s*\r?\n${TIMING}`, 'm');
const VTT_CUE = new RegExp(String.raw`^(?:\d{1,2}:)?\d{2}:\d{2}\.\d{3}\s*-->\s*(?:\d{1,2}:)?\d{2}:\d{2}\.\d{3}`, 'm');

/** A subtitle file must be UTF-8 text with the structure its extension promises (at least one cue). */
export function checkSubtitles(bytes: Uint8Array, extension: string): TextRejection | undefined {
  const text = decodeUtf8(bytes);
  if (text === undefined) return 'not_utf8';
  const ok =
    extension === '.srt'
      ? SRT_CUE.test(text)
      : extension === '.vtt'
        ? /^WEBVTT(?:[ \t].*)?\r?\n/.test(text) && VTT_CUE.test(text)
        : /^\s*\[Script Info\]/i.test(text) && /^\[Events\]/im.test(text) && /^Dialogue:/im.test(text);
  return ok ? undefined : 'subtitles_invalid';
}

/** Nesting depth without recursion, so a hostile document cannot overflow the stack. */
function depthWithin(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return false;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return true;
}

/** A data upload must be UTF-8 JSON nested at most 32 deep. */
export function checkJson(bytes: Uint8Array): TextRejection | undefined {
  const text = decodeUtf8(bytes);
  if (text === undefined) return 'not_utf8';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'json_invalid';
  }
  return depthWithin(value, MAX_JSON_DEPTH) ? undefined : 'json_too_deep';
}
