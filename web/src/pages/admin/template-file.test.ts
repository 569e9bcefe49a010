import { describe, expect, test } from 'vitest';
import { ApiError, describeError } from '../../api/errors';
import { problemsOf, readTemplateFile, TEMPLATE_FILE_MAX } from './template-file';

const file = (text: string) => new File([text], 'template.json', { type: 'application/json' });
const failure = async (entry: FormDataEntryValue | null) => describeError(await readTemplateFile(entry).catch((error: unknown) => error));

describe('readTemplateFile', () => {
  test('a JSON object is the body as it is', async () => {
    await expect(readTemplateFile(file('{"name":"mine","graph":{}}'))).resolves.toEqual({ name: 'mine', graph: {} });
  });
  test('no file, not JSON, not an object, too large: a sentence each, before asking the server', async () => {
    expect(await failure(null)).toBe('Choose the template file first.');
    expect(await failure(file(''))).toBe('Choose the template file first.');
    expect(await failure(file('<html>'))).toMatch(/^That file is not JSON/);
    expect(await failure(file('[1, 2]'))).toMatch(/^That JSON is not a template/);
    expect(await failure(file('"txt2img"'))).toMatch(/^That JSON is not a template/);
    expect(await failure(file(' '.repeat(TEMPLATE_FILE_MAX + 1)))).toMatch(/larger than 2 MiB/);
  });
});

describe('problemsOf', () => {
  test('the problems the server listed after its sentence', () => {
    const error = new ApiError('template_engine_mismatch', 422, 'The generation engine cannot run this template: node 9: ComfyUI has no FancyNode (a custom node not installed?); prompt: node 6 (CLIPTextEncode) has no input txt.');
    expect(problemsOf(error)).toEqual(['node 9: ComfyUI has no FancyNode (a custom node not installed?)', 'prompt: node 6 (CLIPTextEncode) has no input txt']);
  });
  test('other codes have no list', () => {
    expect(problemsOf(new ApiError('template_builtin', 409, 'That name is one of the templates Sakuga ships; choose another.'))).toEqual([]);
  });
});
