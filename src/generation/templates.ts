import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { ObjectInfo } from '../engines/types.js';
import img2img from './templates/img2img.json' with { type: 'json' };
import txt2img from './templates/txt2img.json' with { type: 'json' };
import txt2video from './templates/txt2video.json' with { type: 'json' };

/**
 * Workflow templates: graphs in ComfyUI's API format ("Save (API Format)")
 * that an admin installs, each with a map from Sakuga's parameters to the
 * node input they set. People choose a template and fill its parameters;
 * nobody submits a graph (ComfyUI's custom nodes run arbitrary code, so the
 * graph is the admin's decision). Sakuga ships three, on ComfyUI's own
 * nodes: txt2img and img2img on a Stable Diffusion checkpoint, txt2video on
 * Wan 2.1.
 */

export const PARAM_NAMES = ['prompt', 'negative_prompt', 'seed', 'width', 'height', 'steps', 'frames', 'reference'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
/** The numeric parameters a template may give defaults for. */
export type SizeParam = 'width' | 'height' | 'steps' | 'frames';

const NodeId = Type.String({ pattern: '^[A-Za-z0-9_:.-]{1,32}$' });
const Target = Type.Object({ node: NodeId, input: Type.String({ pattern: '^[A-Za-z0-9_]{1,64}$' }) }, { additionalProperties: false });
const Node = Type.Object(
  {
    class_type: Type.String({ minLength: 1, maxLength: 128 }),
    inputs: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()),
    _meta: Type.Optional(Type.Object({ title: Type.Optional(Type.String({ maxLength: 200 })) })),
  },
  { additionalProperties: false },
);
const Whole = (maximum: number) => Type.Integer({ minimum: 1, maximum });

export const TemplateSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$', description: 'Chosen by the admin; what people pass as `template`.' }),
    title: Type.String({ minLength: 1, maxLength: 80 }),
    output: Type.Union([Type.Literal('image'), Type.Literal('video')]),
    defaults: Type.Object({ width: Type.Optional(Whole(4096)), height: Type.Optional(Whole(4096)), steps: Type.Optional(Whole(200)), frames: Type.Optional(Whole(1000)) }, { additionalProperties: false }),
    params: Type.Object(
      {
        prompt: Target,
        negative_prompt: Type.Optional(Target),
        seed: Type.Optional(Target),
        width: Type.Optional(Target),
        height: Type.Optional(Target),
        steps: Type.Optional(Target),
        frames: Type.Optional(Target),
        reference: Type.Optional(Target),
      },
      { additionalProperties: false },
    ),
    graph: Type.Record(NodeId, Node, { minProperties: 1, maxProperties: 500 }),
  },
  { additionalProperties: false },
);
export type WorkflowTemplate = Static<typeof TemplateSchema>;
export const TemplateCheck = Compile(TemplateSchema);

/** What a template's own parts must agree on: every parameter sets an input its node has. */
export function templateProblems(template: WorkflowTemplate): string[] {
  const problems: string[] = [];
  for (const [param, target] of Object.entries(template.params)) {
    const node = template.graph[target.node];
    if (!node) problems.push(`${param}: node ${target.node} is not in the graph`);
    else if (!(target.input in node.inputs)) problems.push(`${param}: node ${target.node} (${node.class_type}) has no input ${target.input}`);
  }
  if (template.output === 'image' && template.params.frames) problems.push('frames: an image template has no frames');
  return problems;
}

/** What a template asks of a ComfyUI (`GET /object_info`): every node class installed, every parameter's input known to its class. */
export function engineProblems(template: WorkflowTemplate, info: ObjectInfo): string[] {
  const problems: string[] = [];
  for (const [id, node] of Object.entries(template.graph)) if (!Object.hasOwn(info, node.class_type)) problems.push(`node ${id}: ComfyUI has no ${node.class_type} (a custom node not installed?)`);
  for (const [param, target] of Object.entries(template.params)) {
    const node = template.graph[target.node];
    const inputs = node && Object.hasOwn(info, node.class_type) ? info[node.class_type]!.input : undefined;
    if (!node || !inputs) continue;
    const known = Object.values(inputs).some((group) => typeof group === 'object' && group !== null && Object.hasOwn(group, target.input));
    if (!known) problems.push(`${param}: ComfyUI's ${node.class_type} has no input ${target.input}`);
  }
  return problems;
}

/** The values a generation sets; each must have its parameter in the template (checked at submission). */
export interface TemplateValues {
  readonly prompt: string;
  readonly negative_prompt?: string;
  readonly seed?: number;
  readonly width?: number;
  readonly height?: number;
  readonly steps?: number;
  readonly frames?: number;
}

/** Values given that the template has no parameter for: a request the template cannot honour. */
export function unsupportedValues(template: WorkflowTemplate, values: Readonly<Partial<Record<ParamName, unknown>>>): ParamName[] {
  return PARAM_NAMES.filter((name) => values[name] !== undefined && !template.params[name]);
}

/**
 * The graph to queue: the template's, with each value given (or the
 * template's default) written into its parameter's input. The reference
 * image's input is left for the engine, which uploads it and names it there.
 */
export function fillTemplate(template: WorkflowTemplate, values: TemplateValues): Record<string, { class_type: string; inputs: Record<string, unknown> }> {
  const graph = structuredClone(template.graph) as Record<string, { class_type: string; inputs: Record<string, unknown>; _meta?: unknown }>;
  const set = (param: Exclude<ParamName, 'reference'>, value: string | number | undefined) => {
    const target = template.params[param];
    if (target && value !== undefined) graph[target.node]!.inputs[target.input] = value;
  };
  set('prompt', values.prompt);
  set('negative_prompt', values.negative_prompt);
  set('seed', values.seed);
  for (const name of ['width', 'height', 'steps', 'frames'] as const) set(name, values[name] ?? template.defaults[name]);
  for (const node of Object.values(graph)) delete node._meta;
  return graph;
}

/** The templates Sakuga ships, by name; each checked against its schema and itself when this module loads. */
export const BUILTIN_TEMPLATES: Readonly<Record<string, WorkflowTemplate>> = Object.fromEntries(
  [txt2img, img2img, txt2video].map((raw) => {
    if (!TemplateCheck.Check(raw)) throw new Error(`shipped template ${String((raw as { name?: unknown }).name)} does not fit the template schema`);
    const problems = templateProblems(raw);
    if (problems.length > 0) throw new Error(`shipped template ${raw.name}: ${problems.join('; ')}`);
    return [raw.name, raw];
  }),
);
