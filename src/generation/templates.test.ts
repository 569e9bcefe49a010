import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startComfyUiFake } from '../../test/helpers/comfyui-fake.js';
import { createEngineClient } from '../engines/engine-http.js';
import { createComfyUi } from '../engines/generate/comfyui.js';
import { BUILTIN_TEMPLATES, engineProblems, fillTemplate, TemplateCheck, templateProblems, unsupportedValues, type WorkflowTemplate } from './templates.js';

const txt2img = BUILTIN_TEMPLATES.txt2img!;

describe('workflow templates', () => {
  test('the shipped templates fit the schema, agree with themselves, and use only node classes ComfyUI lists', async () => {
    assert.deepEqual(Object.keys(BUILTIN_TEMPLATES), ['txt2img', 'img2img', 'txt2video']);
    assert.deepEqual(Object.values(BUILTIN_TEMPLATES).map((template) => template.output), ['image', 'image', 'video']);
    const fake = await startComfyUiFake();
    try {
      const engine = createComfyUi(createEngineClient({ label: 'generation engine (comfyui)', baseUrl: fake.url, timeoutMs: 5_000, retries: 0, maxResponseBytes: 1024 * 1024 }), { baseUrl: fake.url });
      const info = await engine.objectInfo();
      for (const template of Object.values(BUILTIN_TEMPLATES)) {
        assert.ok(TemplateCheck.Check(template));
        assert.deepEqual(templateProblems(template), [], template.name);
        assert.deepEqual(engineProblems(template, info), [], template.name);
      }
      // A ComfyUI without Wan's loader and with an older KSampler: both named.
      const { UNETLoader: _gone, ...rest } = info;
      const older = { ...rest, KSampler: { input: { required: { model: [], positive: [] } } } };
      assert.deepEqual(engineProblems(BUILTIN_TEMPLATES.txt2video!, older), [
        'node 37: ComfyUI has no UNETLoader (a custom node not installed?)',
        "seed: ComfyUI's KSampler has no input seed",
        "steps: ComfyUI's KSampler has no input steps",
      ]);
    } finally {
      await fake.close();
    }
  });

  test('filling writes each value (or the template\'s default) into its input, and leaves the template alone', () => {
    const graph = fillTemplate(txt2img, { prompt: 'a fox in the rain', negative_prompt: 'blurry', seed: 42, width: 640 });
    assert.equal(graph['6']!.inputs.text, 'a fox in the rain');
    assert.equal(graph['7']!.inputs.text, 'blurry');
    assert.equal(graph['3']!.inputs.seed, 42);
    assert.deepEqual([graph['5']!.inputs.width, graph['5']!.inputs.height, graph['3']!.inputs.steps], [640, 768, 25], 'the defaults fill what was not given');
    assert.ok(Object.values(graph).every((node) => !('_meta' in node)), 'titles stay with the template');
    assert.equal(txt2img.graph['6']!.inputs.text, '');
    assert.equal(fillTemplate(BUILTIN_TEMPLATES.txt2video!, { prompt: 'waves' })['40']!.inputs.length, 33);
  });

  test('values a template has no parameter for are named; a template whose parameters miss their inputs is refused', () => {
    assert.deepEqual(unsupportedValues(txt2img, { prompt: 'x', frames: 16, reference: 'upload' }), ['frames', 'reference']);
    assert.deepEqual(unsupportedValues(BUILTIN_TEMPLATES.img2img!, { prompt: 'x', reference: 'upload', width: 512 }), ['width']);
    const broken: WorkflowTemplate = { ...txt2img, params: { ...txt2img.params, seed: { node: '3', input: 'noise_seed' }, steps: { node: '99', input: 'steps' }, frames: { node: '5', input: 'width' } } };
    assert.deepEqual(templateProblems(broken), ['seed: node 3 (KSampler) has no input noise_seed', 'steps: node 99 is not in the graph', 'frames: an image template has no frames']);
    assert.equal(TemplateCheck.Check({ ...txt2img, graph: { '1': { class_type: 'KSampler', inputs: {}, extra: true } } }), false, 'nothing but class_type, inputs and _meta in a node');
    assert.equal(TemplateCheck.Check({ ...txt2img, name: '../etc' }), false);
  });
});
