import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../http/app-error.js';
import { type GenerateOptions, resolveGeneration, templateNameOf } from './options.js';
import { BUILTIN_TEMPLATES } from './templates.js';

const caps = { engine: true, promptMax: 20, template: (name: string) => BUILTIN_TEMPLATES[name] };
const refused = (options: GenerateOptions, code: string) =>
  assert.throws(
    () => resolveGeneration(options, caps),
    (error) => error instanceof AppError && error.code === code,
    code,
  );
const reference = 'a'.repeat(32);

test('the template is the one named, else chosen by output and reference', () => {
  assert.equal(templateNameOf({ output: 'image' }), 'txt2img');
  assert.equal(templateNameOf({ output: 'image', reference_upload_id: reference }), 'img2img');
  assert.equal(templateNameOf({ output: 'video' }), 'txt2video');
  assert.equal(templateNameOf({ output: 'image', template: 'poster' }), 'poster');
  const { template, values } = resolveGeneration({ prompt: 'a fox', output: 'image', width: 640, seed: 3 }, caps);
  assert.equal(template.name, 'txt2img');
  assert.deepEqual([values.prompt, values.width, values.seed], ['a fox', 640, 3]);
});

test('refused with a stable code: an unknown template, another kind of output, a value without a parameter, a missing reference, a long prompt', () => {
  refused({ prompt: 'a fox', output: 'image', template: 'poster' }, 'template_not_found');
  refused({ prompt: 'a fox', output: 'video', template: 'txt2img' }, 'template_output_mismatch');
  refused({ prompt: 'a fox', output: 'image', frames: 16 }, 'template_param_unsupported');
  refused({ prompt: 'a fox', output: 'image', template: 'img2img', reference_upload_id: reference, width: 512 }, 'template_param_unsupported');
  refused({ prompt: 'a fox', output: 'image', template: 'img2img' }, 'reference_required');
  refused({ prompt: 'a fox', output: 'video', reference_upload_id: reference }, 'template_param_unsupported');
  refused({ prompt: 'x'.repeat(21), output: 'image' }, 'prompt_too_long');
  refused({ prompt: 'a fox', negative_prompt: 'y'.repeat(21), output: 'image' }, 'prompt_too_long');
  // Characters, not UTF-16 units: twenty emoji are twenty characters.
  assert.doesNotThrow(() => resolveGeneration({ prompt: '🦊'.repeat(20), output: 'image' }, caps));
});
