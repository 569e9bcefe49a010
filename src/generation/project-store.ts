import type { Db, GenerationOutputsTable, GenerationVersionsTable, ProjectsTable } from '../db/types.js';
import type { KeysetPosition } from '../db/keyset-cursor.js';

/** Projects, their versions and outputs: queries only (ownership is the caller's `userId` in each). */

export type ProjectRow = ProjectsTable;
export type VersionRow = GenerationVersionsTable;
export type OutputRow = GenerationOutputsTable;

// PostgreSQL returns bigint columns as strings.
const version = (row: VersionRow): VersionRow => ({ ...row, seed: Number(row.seed) });
const output = (row: OutputRow): OutputRow => ({ ...row, bytes: Number(row.bytes) });

export async function insertProject(db: Db, row: ProjectRow): Promise<void> {
  await db.insertInto('projects').values(row).execute();
}

export async function findOwnProject(db: Db, userId: string, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function findProject(db: Db, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest change first, by (updated_at, id); `onlyIds` for keys bound to some projects. */
export async function listProjects(db: Db, query: { userId: string; limit: number; after?: KeysetPosition; onlyIds?: readonly string[] }): Promise<ProjectRow[]> {
  let select = db.selectFrom('projects').selectAll().where('user_id', '=', query.userId);
  if (query.onlyIds) select = query.onlyIds.length === 0 ? select.where('id', '=', '') : select.where('id', 'in', [...query.onlyIds]);
  if (query.after) {
    const { createdAt, id } = query.after;
    select = select.where((eb) => eb.or([eb('updated_at', '<', createdAt), eb.and([eb('updated_at', '=', createdAt), eb('id', '<', id)])]));
  }
  return select.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
}

export async function updateProject(db: Db, id: string, changes: Partial<Pick<ProjectRow, 'name' | 'head_version_id' | 'updated_at'>>): Promise<void> {
  await db.updateTable('projects').set(changes).where('id', '=', id).execute();
}

export async function deleteProject(db: Db, id: string): Promise<void> {
  await db.deleteFrom('projects').where('id', '=', id).execute();
}

export async function versionsOf(db: Db, projectId: string): Promise<VersionRow[]> {
  return (await db.selectFrom('generation_versions').selectAll().where('project_id', '=', projectId).orderBy('number', 'asc').execute()).map(version);
}

export async function findVersion(db: Db, projectId: string, id: string): Promise<VersionRow | undefined> {
  const row = await db.selectFrom('generation_versions').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
  return row && version(row);
}

export async function versionOfJob(db: Db, jobId: string): Promise<VersionRow | undefined> {
  const row = await db.selectFrom('generation_versions').selectAll().where('job_id', '=', jobId).executeTakeFirst();
  return row && version(row);
}

export async function nextVersionNumber(db: Db, projectId: string): Promise<number> {
  const row = await db.selectFrom('generation_versions').select((eb) => eb.fn.max('number').as('last')).where('project_id', '=', projectId).executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertVersion(db: Db, row: VersionRow, outputs: readonly OutputRow[]): Promise<void> {
  await db.insertInto('generation_versions').values(row).execute();
  if (outputs.length > 0) await db.insertInto('generation_outputs').values([...outputs]).execute();
}

export async function outputsOf(db: Db, versionIds: readonly string[]): Promise<OutputRow[]> {
  if (versionIds.length === 0) return [];
  return (await db.selectFrom('generation_outputs').selectAll().where('version_id', 'in', [...versionIds]).orderBy('position', 'asc').execute()).map(output);
}
