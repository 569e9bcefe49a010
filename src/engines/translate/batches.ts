import { badResponse } from '../errors.js';
import type { TranslateRequest, TranslationLine } from '../types.js';

/** Consecutive lines, at most `maxLines` and (past the first) `maxChars` characters each batch. */
export function batches(lines: readonly TranslationLine[], maxLines: number, maxChars: number): TranslationLine[][] {
  const out: TranslationLine[][] = [];
  let current: TranslationLine[] = [];
  let chars = 0;
  for (const line of lines) {
    if (current.length > 0 && (current.length >= maxLines || chars + line.text.length > maxChars)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(line);
    chars += line.text.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Shared rules of every translator: ids must be unique, blank lines translate
 * to blank without asking, and the result has exactly one string per id.
 */
export async function translateLines(
  engine: string,
  request: TranslateRequest,
  translate: (lines: readonly TranslationLine[]) => Promise<Map<string, string>>,
): Promise<Map<string, string>> {
  const ids = new Set(request.lines.map((line) => line.id));
  if (ids.size !== request.lines.length) throw new Error('translation line ids must be unique');
  const spoken = request.lines.filter((line) => line.text.trim() !== '');
  const translated = spoken.length > 0 ? await translate(spoken) : new Map<string, string>();
  const result = new Map<string, string>();
  for (const line of request.lines) {
    const text = line.text.trim() === '' ? '' : translated.get(line.id);
    if (text === undefined) throw badResponse(engine, `answered without a translation for line ${line.id}`);
    result.set(line.id, text);
  }
  return result;
}

/** The same number of strings as sent, in order: what LibreTranslate and DeepL promise. */
export function zipInOrder(engine: string, lines: readonly TranslationLine[], texts: readonly string[]): Map<string, string> {
  if (texts.length !== lines.length) throw badResponse(engine, `answered ${texts.length} translations for ${lines.length} lines`);
  return new Map(lines.map((line, index) => [line.id, texts[index]!]));
}
