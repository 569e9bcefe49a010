import { randomBytes } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import { listableIds, reachesResource } from '../access/resource-access.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../db/keyset-cursor.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { jobErrors } from '../jobs/errors.js';
import { type AuditLog, auditTrail } from '../ops/audit.js';
import { generationErrors } from './errors.js';
import {
  deleteProject,
  findOwnProject,
  findVersion,
  insertProject,
  listProjects,
  type OutputRow,
  outputsOf,
  type ProjectRow,
  updateProject,
  versionOfJob,
  versionsOf,
  type VersionRow,
} from './project-store.js';

const ID = /^[0-9a-f]{32}$/;
export const newId = () => randomBytes(16).toString('hex');

interface ClientInfo {
  readonly ip: string;
  readonly requestId: string;
}

export interface OutputView {
  readonly id: string;
  readonly name: string;
  readonly kind: 'image' | 'video';
  readonly format: string;
  readonly bytes: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly visibility: 'private' | 'public';
  /** An admin hid it from the gallery. */
  readonly hidden: boolean;
  /** The owner's download (the job's artifact). */
  readonly url: string;
}

export interface VersionView {
  readonly id: string;
  readonly number: number;
  readonly parent_id: string | null;
  readonly job_id: string;
  readonly prompt: string;
  readonly negative_prompt: string | null;
  readonly params: Record<string, unknown>;
  readonly seed: number;
  readonly created_at: string;
  readonly outputs: OutputView[];
}

export interface ProjectView {
  readonly id: string;
  readonly name: string;
  readonly head_version_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

const projectView = (row: ProjectRow): ProjectView => ({ id: row.id, name: row.name, head_version_id: row.head_version_id, created_at: row.created_at, updated_at: row.updated_at });

export const outputView = (row: OutputRow): OutputView => ({
  id: row.id,
  name: row.artifact,
  kind: row.kind,
  format: row.format,
  bytes: row.bytes,
  width: row.width,
  height: row.height,
  visibility: row.visibility,
  hidden: row.hidden_at !== null,
  url: `/api/jobs/${row.job_id}/artifacts/${row.artifact}`,
});

function versionView(row: VersionRow, outputs: readonly OutputRow[]): VersionView {
  return {
    id: row.id,
    number: row.number,
    parent_id: row.parent_id,
    job_id: row.job_id,
    prompt: row.prompt,
    negative_prompt: row.negative_prompt,
    params: JSON.parse(row.params) as Record<string, unknown>,
    seed: row.seed,
    created_at: row.created_at,
    outputs: outputs.filter((output) => output.version_id === row.id).map(outputView),
  };
}

/** A project name as stored: trimmed, one line, at most `max` characters (empty when nothing is left). */
export function projectName(text: string, max = 100): string {
  return [...text.replace(/\s+/g, ' ').trim()].slice(0, max).join('').trim();
}

/**
 * Generation projects as their owners see them. Every route reaches a project
 * through `reach`: the caller's own (another user's looks missing), and for
 * an API key, `library:manage` or `project:<id>:manage`.
 */
export function createProjectService(deps: { db: Db; audit: AuditLog; now: () => Date }) {
  const { db } = deps;
  const record = auditTrail(deps.audit, 'project');

  async function reach(principal: Principal, id: string): Promise<ProjectRow> {
    const row = ID.test(id) ? await findOwnProject(db, principal.userId, id) : undefined;
    if (!row || !reachesResource(principal, 'projects:manage', { type: 'project', id, action: 'manage' })) throw new AppError(generationErrors.project_not_found);
    return row;
  }

  async function detail(row: ProjectRow) {
    const versions = await versionsOf(db, row.id);
    const outputs = await outputsOf(db, versions.map((version) => version.id));
    return { ...projectView(row), versions: versions.map((version) => versionView(version, outputs)) };
  }

  return {
    reach,

    async create(principal: Principal, body: { name: string }, client: ClientInfo): Promise<ProjectView> {
      const stamp = deps.now().toISOString();
      const row: ProjectRow = { id: newId(), user_id: principal.userId, name: projectName(body.name) || 'Untitled', head_version_id: null, created_at: stamp, updated_at: stamp };
      await insertProject(db, row);
      await record('project.created', 'success', principal, client, row.id);
      return projectView(row);
    },

    async list(principal: Principal, query: { cursor?: string; limit?: number }) {
      const after = query.cursor === undefined ? undefined : decodeKeysetCursor(query.cursor, ID);
      if (query.cursor !== undefined && !after) throw new AppError(jobErrors.invalid_cursor);
      const limit = query.limit ?? 50;
      const onlyIds = listableIds(principal, 'projects:manage', 'project', 'manage');
      const rows = await listProjects(db, { userId: principal.userId, limit: limit + 1, ...(after && { after }), ...(onlyIds && { onlyIds }) });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { projects: page.map(projectView), ...(rows.length > limit && last && { next_cursor: encodeKeysetCursor({ created_at: last.updated_at, id: last.id }) }) };
    },

    /** The project with its whole history (versions in order, each with its parent and outputs). */
    get: async (principal: Principal, id: string) => detail(await reach(principal, id)),

    async rename(principal: Principal, id: string, name: string, client: ClientInfo): Promise<ProjectView> {
      const row = await reach(principal, id);
      const changed = { name: projectName(name) || row.name, updated_at: deps.now().toISOString() };
      await updateProject(db, id, changed);
      await record('project.renamed', 'success', principal, client, id);
      return projectView({ ...row, ...changed });
    },

    /** The project, its versions and their output rows; the files go with the next clean-up (nothing references them). */
    async remove(principal: Principal, id: string, client: ClientInfo): Promise<void> {
      await reach(principal, id);
      await deleteProject(db, id);
      await record('project.deleted', 'success', principal, client, id);
    },

    /** Makes an earlier version the head again: the one shown first and generated from by default. Nothing is removed. */
    async restore(principal: Principal, id: string, versionId: string, client: ClientInfo) {
      const row = await reach(principal, id);
      const version = ID.test(versionId) ? await findVersion(db, id, versionId) : undefined;
      if (!version) throw new AppError(generationErrors.version_not_found);
      const changed = { head_version_id: version.id, updated_at: deps.now().toISOString() };
      await updateProject(db, id, changed);
      await record('project.restored', 'success', principal, client, id, { version: version.number });
      return detail({ ...row, ...changed });
    },

    /** At submission: the project a generation names (and the version it branches from) must be the caller's own. */
    async checkTarget(userId: string, projectId: string | undefined, parentVersionId: string | undefined): Promise<void> {
      if (projectId === undefined) {
        if (parentVersionId !== undefined) throw new AppError(generationErrors.version_not_found, 'parent_version_id needs the project_id it belongs to.');
        return;
      }
      if (!(await findOwnProject(db, userId, projectId))) throw new AppError(generationErrors.project_not_found);
      if (parentVersionId !== undefined && !(await findVersion(db, projectId, parentVersionId))) throw new AppError(generationErrors.version_not_found);
    },

    /** The version a generate job made, for the job's owner (the caller has reached the job already). */
    async ofJob(jobId: string) {
      const version = await versionOfJob(db, jobId);
      if (!version) throw new AppError(generationErrors.generation_not_found);
      const outputs = await outputsOf(db, [version.id]);
      return { project_id: version.project_id, version: versionView(version, outputs) };
    },
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
