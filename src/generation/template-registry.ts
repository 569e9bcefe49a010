import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from '../access/principal.js';
import type { GenerateEngine } from '../engines/types.js';
import { AppError } from '../http/app-error.js';
import { type AuditLog, auditTrail } from '../ops/audit.js';
import { templateErrors } from './errors.js';
import { BUILTIN_TEMPLATES, engineProblems, PARAM_NAMES, TemplateCheck, templateProblems, type WorkflowTemplate } from './templates.js';

const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

interface ClientInfo {
  readonly ip: string;
  readonly requestId: string;
}

export interface TemplateSummary {
  readonly name: string;
  readonly title: string;
  readonly output: 'image' | 'video';
  /** The parameters a generation may set with it (prompt always). */
  readonly params: string[];
  readonly defaults: WorkflowTemplate['defaults'];
  readonly builtin: boolean;
}

const summaryOf = (template: WorkflowTemplate, builtin: boolean): TemplateSummary => ({
  name: template.name,
  title: template.title,
  output: template.output,
  params: PARAM_NAMES.filter((name) => template.params[name] !== undefined),
  defaults: template.defaults,
  builtin,
});

/**
 * The templates a server offers: the shipped ones, and those an admin
 * installed, kept as `<name>.json` in `dir` (the data dir's `templates/`).
 * An install is checked against the template schema, against itself, and
 * against the engine's `/object_info` (every node class installed, every
 * parameter's input known), so a template that cannot run is refused up
 * front. Installed files are read again when they change, so a worker in
 * another process sees an install without a restart.
 */
export function createTemplateRegistry(deps: { dir: string; engine: () => GenerateEngine | undefined; audit: AuditLog }) {
  const cache = new Map<string, { stamp: string; template: WorkflowTemplate | undefined }>();
  const record = auditTrail(deps.audit, 'template');
  const pathOf = (name: string) => join(deps.dir, `${name}.json`);

  /** An installed template as its file now holds it; undefined when missing or no longer valid. */
  function installed(name: string): WorkflowTemplate | undefined {
    if (!NAME.test(name)) return undefined;
    let stamp: string;
    try {
      const info = statSync(pathOf(name));
      stamp = `${info.mtimeMs}:${info.size}`;
    } catch {
      cache.delete(name);
      return undefined;
    }
    const cached = cache.get(name);
    if (cached?.stamp === stamp) return cached.template;
    let template: WorkflowTemplate | undefined;
    try {
      const raw: unknown = JSON.parse(readFileSync(pathOf(name), 'utf8'));
      template = TemplateCheck.Check(raw) && raw.name === name && templateProblems(raw).length === 0 ? raw : undefined;
    } catch {
      template = undefined;
    }
    cache.set(name, { stamp, template });
    return template;
  }

  function installedNames(): string[] {
    try {
      return readdirSync(deps.dir)
        .filter((file) => file.endsWith('.json'))
        .map((file) => file.slice(0, -'.json'.length))
        .filter((name) => NAME.test(name));
    } catch {
      return [];
    }
  }

  return {
    /** A template by name: shipped, else installed. */
    get: (name: string): WorkflowTemplate | undefined => (Object.hasOwn(BUILTIN_TEMPLATES, name) ? BUILTIN_TEMPLATES[name] : installed(name)),

    list(): TemplateSummary[] {
      const shipped = Object.values(BUILTIN_TEMPLATES).map((template) => summaryOf(template, true));
      const added = installedNames()
        .filter((name) => !Object.hasOwn(BUILTIN_TEMPLATES, name))
        .map(installed)
        .filter((template): template is WorkflowTemplate => template !== undefined)
        .map((template) => summaryOf(template, false));
      return [...shipped, ...added.sort((a, b) => a.name.localeCompare(b.name))];
    },

    /** Installs (or replaces) a template after checking it against itself and the engine. */
    async install(principal: Principal, template: WorkflowTemplate, client: ClientInfo): Promise<TemplateSummary> {
      if (Object.hasOwn(BUILTIN_TEMPLATES, template.name)) throw new AppError(templateErrors.template_builtin);
      const own = templateProblems(template);
      if (own.length > 0) throw new AppError(templateErrors.template_invalid, `${templateErrors.template_invalid.message} ${own.join('; ')}.`);
      const engine = deps.engine();
      if (!engine) throw new AppError(templateErrors.template_engine_missing);
      // An unreachable engine fails with its own code (engine_unavailable): a template is never installed unchecked.
      const problems = engineProblems(template, await engine.objectInfo());
      if (problems.length > 0) throw new AppError(templateErrors.template_engine_mismatch, `${templateErrors.template_engine_mismatch.message} ${problems.join('; ')}.`);
      mkdirSync(deps.dir, { recursive: true, mode: 0o700 });
      const partial = join(deps.dir, `.${template.name}.${randomBytes(4).toString('hex')}`);
      writeFileSync(partial, `${JSON.stringify(template, null, 2)}\n`, { mode: 0o600 });
      renameSync(partial, pathOf(template.name));
      await record('template.installed', 'success', principal, client, template.name);
      return summaryOf(template, false);
    },

    async remove(principal: Principal, name: string, client: ClientInfo): Promise<void> {
      if (Object.hasOwn(BUILTIN_TEMPLATES, name)) throw new AppError(templateErrors.template_builtin);
      // A file edited by hand into something invalid can still be removed.
      if (!installedNames().includes(name)) throw new AppError(templateErrors.template_not_installed);
      rmSync(pathOf(name), { force: true });
      cache.delete(name);
      await record('template.removed', 'success', principal, client, name);
    },
  };
}

export type TemplateRegistry = ReturnType<typeof createTemplateRegistry>;
