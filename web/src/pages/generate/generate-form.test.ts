import { describe, expect, it } from 'vitest';
import { generateJobBody, initialGenerateValues, promptLength } from './generate-form';

const txt2img = { output: 'image' as const, params: ['prompt', 'negative_prompt', 'seed', 'width', 'height', 'steps'] };
const img2img = { output: 'image' as const, params: ['prompt', 'negative_prompt', 'seed', 'steps', 'reference'] };

describe('the generate form', () => {
  it('sends only what the template takes', () => {
    const values = { ...initialGenerateValues(new URLSearchParams()), prompt: 'a fox', size: '768x512', seed: '42', negativePrompt: 'blurry' };
    expect(generateJobBody(values, txt2img).options).toEqual({ prompt: 'a fox', output: 'image', template: 'txt2img', negative_prompt: 'blurry', width: 768, height: 512, seed: 42 });
    const redraw = { ...values, template: 'img2img', referenceUploadId: 'a'.repeat(32) };
    expect(generateJobBody(redraw, img2img).options).toEqual({ prompt: 'a fox', output: 'image', template: 'img2img', negative_prompt: 'blurry', seed: 42, reference_upload_id: 'a'.repeat(32) });
  });

  it('a branch carries its project and parent from the address; a parent without a project is dropped', () => {
    const branch = initialGenerateValues(new URLSearchParams('project=p1&parent=v1&prompt=a%20fox&template=txt2img'));
    expect(generateJobBody(branch, txt2img).options).toMatchObject({ project_id: 'p1', parent_version_id: 'v1', prompt: 'a fox' });
    const orphan = { ...branch, projectId: '' };
    expect(generateJobBody(orphan, txt2img).options).not.toHaveProperty('parent_version_id');
  });

  it('steps and frames go only where the template takes them, and only within the server\'s bounds', () => {
    const values = { ...initialGenerateValues(new URLSearchParams()), prompt: 'a fox', steps: '12', frames: '49' };
    expect(generateJobBody(values, txt2img).options).toMatchObject({ steps: 12 });
    expect(generateJobBody(values, txt2img).options).not.toHaveProperty('frames');
    const txt2video = { output: 'video' as const, params: ['prompt', 'seed', 'steps', 'frames'] };
    expect(generateJobBody({ ...values, template: 'txt2video' }, txt2video).options).toMatchObject({ steps: 12, frames: 49 });
    for (const steps of ['', '0', '2.5', '201', 'many']) expect(generateJobBody({ ...values, steps }, txt2img).options).not.toHaveProperty('steps');
  });

  it('counts characters as the server does', () => {
    expect(promptLength('狐🦊')).toBe(2);
  });
});
