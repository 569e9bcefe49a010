import type { Body } from '../../api/types';

export interface GenerateFormValues {
  readonly template: string;
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly size: string;
  readonly seed: string;
  /** Sampling steps and (clips) frames; '' keeps the template's. */
  readonly steps: string;
  readonly frames: string;
  readonly referenceUploadId: string;
  /** A project of the person's, or '' for a new one named after the prompt. */
  readonly projectId: string;
  readonly parentVersionId: string;
}

/** Sizes offered: width × height, multiples of 8 as the engine wants. */
export const SIZES = ['512x512', '768x512', '512x768', '1024x1024', '832x480', '480x832'] as const;

/** The form's first values: a branch carries its project, parent, template and prompt in the address. */
export function initialGenerateValues(search: URLSearchParams): GenerateFormValues {
  return {
    template: search.get('template') ?? 'txt2img',
    prompt: search.get('prompt') ?? '',
    negativePrompt: '',
    size: '',
    seed: search.get('seed') ?? '',
    steps: '',
    frames: '',
    referenceUploadId: '',
    projectId: search.get('project') ?? '',
    parentVersionId: search.get('parent') ?? '',
  };
}

/** Characters as the server counts them (code points), so the counter and the limit agree. */
export const promptLength = (text: string) => [...text].length;

/** A whole number from a field, within the server's bounds; undefined when empty or out of them (the template's value is used). */
function wholeWithin(text: string, max: number): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
}

/** The server's bounds for steps and frames (src/generation/options.ts). */
export const MAX_STEPS = 200;
export const MAX_FRAMES = 1000;

/** The POST /api/jobs body for a generation; only what the template can take is sent. */
export function generateJobBody(values: GenerateFormValues, template: { output: 'image' | 'video'; params: readonly string[] }): Body<'/api/jobs', 'post'> {
  const [width, height] = values.size ? values.size.split('x').map(Number) : [];
  const seed = values.seed.trim() === '' ? undefined : Number(values.seed);
  const takes = (param: string) => template.params.includes(param);
  const steps = wholeWithin(values.steps, MAX_STEPS);
  const frames = wholeWithin(values.frames, MAX_FRAMES);
  return {
    type: 'generate',
    options: {
      prompt: values.prompt,
      output: template.output,
      template: values.template,
      ...(values.negativePrompt.trim() && takes('negative_prompt') && { negative_prompt: values.negativePrompt }),
      ...(width && height && takes('width') && takes('height') && { width, height }),
      ...(seed !== undefined && Number.isInteger(seed) && takes('seed') && { seed }),
      ...(steps !== undefined && takes('steps') && { steps }),
      ...(frames !== undefined && takes('frames') && { frames }),
      ...(values.referenceUploadId && takes('reference') && { reference_upload_id: values.referenceUploadId }),
      ...(values.projectId && { project_id: values.projectId }),
      ...(values.projectId && values.parentVersionId && { parent_version_id: values.parentVersionId }),
    },
  };
}
