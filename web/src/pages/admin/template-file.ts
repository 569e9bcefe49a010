import { type ApiError, PageError } from '../../api/errors';
import type { Body } from '../../api/types';

type TemplateBody = Body<'/api/generation/templates', 'post'>;

/** The largest template file the server takes (its body limit for the route). */
export const TEMPLATE_FILE_MAX = 2 * 1024 * 1024;

/**
 * A template file as the install request's body. Only that it is a JSON
 * object is checked here; the server checks the rest (its schema, its own
 * parts agreeing, the engine's /object_info) and says what is wrong.
 */
export async function readTemplateFile(file: FormDataEntryValue | null): Promise<TemplateBody> {
  if (!(file instanceof Blob) || file.size === 0) throw new PageError('Choose the template file first.');
  if (file.size > TEMPLATE_FILE_MAX) throw new PageError('That file is larger than 2 MiB; a template is a few kilobytes of JSON.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    throw new PageError('That file is not JSON. Export the template as a .json file and choose it again.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PageError('That JSON is not a template: it should be one object with name, title, output, params and graph.');
  return parsed as TemplateBody;
}

/**
 * What the server listed as wrong with a template: its message for these
 * two codes is a sentence, a colon, then the problems joined by "; ".
 */
export function problemsOf(error: ApiError): string[] {
  if (error.code !== 'template_invalid' && error.code !== 'template_engine_mismatch') return [];
  const colon = error.message.indexOf(':');
  if (colon < 0) return [];
  return error.message
    .slice(colon + 1)
    .replace(/\.$/, '')
    .split('; ')
    .map((problem) => problem.trim())
    .filter(Boolean);
}
