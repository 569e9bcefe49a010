import type { Kysely } from 'kysely';

/**
 * Generation projects: each generation is a version of one (prompt,
 * parameters, seed, outputs, parent), so a project's history is a tree that
 * can be branched from any version and restored to any version (the head).
 * Each output is a row of its own: its visibility in the gallery is the
 * owner's choice, an admin can hide it, and a share link names one output.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('head_version_id', 'text') // the version shown and generated from by default; set by each new version and by restore
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('projects_user_updated').on('projects').columns(['user_id', 'updated_at', 'id']).execute();

  await db.schema
    .createTable('generation_versions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('project_id', 'text', (col) => col.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('job_id', 'text', (col) => col.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('number', 'integer', (col) => col.notNull()) // 1, 2, … within the project
    .addColumn('parent_id', 'text', (col) => col.references('generation_versions.id').onDelete('set null'))
    .addColumn('prompt', 'text', (col) => col.notNull())
    .addColumn('negative_prompt', 'text')
    .addColumn('params', 'text', (col) => col.notNull()) // JSON: template, output, width, height, steps, frames, reference_upload_id
    .addColumn('seed', 'bigint', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('generation_versions_job').on('generation_versions').column('job_id').unique().execute();
  await db.schema.createIndex('generation_versions_project_number').on('generation_versions').columns(['project_id', 'number']).unique().execute();

  await db.schema
    .createTable('generation_outputs')
    .addColumn('id', 'text', (col) => col.primaryKey()) // random, the id public URLs use
    .addColumn('version_id', 'text', (col) => col.notNull().references('generation_versions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('job_id', 'text', (col) => col.notNull())
    .addColumn('artifact', 'text', (col) => col.notNull()) // the job's artifact name, e.g. output-1.png
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull()) // image | video
    .addColumn('format', 'text', (col) => col.notNull())
    .addColumn('bytes', 'bigint', (col) => col.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('visibility', 'text', (col) => col.notNull().defaultTo('private')) // private | public
    .addColumn('published_at', 'text')
    .addColumn('hidden_at', 'text') // an admin hid it: shown to nobody but its owner and admins
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('generation_outputs_version').on('generation_outputs').columns(['version_id', 'position']).execute();
  await db.schema.createIndex('generation_outputs_public').on('generation_outputs').columns(['visibility', 'created_at', 'id']).execute();
  await db.schema.createIndex('generation_outputs_user').on('generation_outputs').columns(['user_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('generation_outputs').execute();
  await db.schema.dropTable('generation_versions').execute();
  await db.schema.dropTable('projects').execute();
}
