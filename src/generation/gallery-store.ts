import type { KeysetPosition } from '../db/keyset-cursor.js';
import type { Db, ShareLinksTable } from '../db/types.js';
import type { OutputRow } from './project-store.js';

/** An output with what the gallery shows beside it: its project (for scope checks) and its owner's chosen name. */
export interface GalleryRow extends OutputRow {
  readonly project_id: string;
  readonly display_name: string | null;
  /** The owner's username: for admins moderating, never in a public answer. */
  readonly owner: string;
}

export type ShareRow = ShareLinksTable;

function galleryQuery(db: Db) {
  return db
    .selectFrom('generation_outputs as o')
    .innerJoin('generation_versions as v', 'v.id', 'o.version_id')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .selectAll('o')
    .select(['v.project_id as project_id', 'u.display_name as display_name', 'u.username as owner']);
}

const gallery = (row: GalleryRow): GalleryRow => ({ ...row, bytes: Number(row.bytes) });

/** One page of a gallery query, newest first by (created_at, id), after a keyset position. */
async function newestPage(select: ReturnType<typeof galleryQuery>, query: { limit: number; after?: KeysetPosition }): Promise<GalleryRow[]> {
  if (query.after) {
    const { createdAt, id } = query.after;
    select = select.where((eb) => eb.or([eb('o.created_at', '<', createdAt), eb.and([eb('o.created_at', '=', createdAt), eb('o.id', '<', id)])]));
  }
  return (await select.orderBy('o.created_at', 'desc').orderBy('o.id', 'desc').limit(query.limit).execute()).map(gallery);
}

export async function findGalleryOutput(db: Db, id: string): Promise<GalleryRow | undefined> {
  const row = await galleryQuery(db).where('o.id', '=', id).executeTakeFirst();
  return row && gallery(row);
}

/**
 * Newest first by (created_at, id): public items nobody hid, and — for a
 * signed-in viewer — the viewer's own, whatever their visibility.
 */
export async function listGallery(db: Db, query: { viewerId?: string; limit: number; after?: KeysetPosition }): Promise<GalleryRow[]> {
  const select = galleryQuery(db).where((eb) => {
    const listed = eb.and([eb('o.visibility', '=', 'public'), eb('o.hidden_at', 'is', null)]);
    return query.viewerId === undefined ? listed : eb.or([listed, eb('o.user_id', '=', query.viewerId)]);
  });
  return newestPage(select, query);
}

/** What admins moderate, newest first: the items listed publicly now, or the ones hidden. */
export async function listForModeration(db: Db, query: { state: 'listed' | 'hidden'; limit: number; after?: KeysetPosition }): Promise<GalleryRow[]> {
  const select =
    query.state === 'hidden'
      ? galleryQuery(db).where('o.hidden_at', 'is not', null)
      : galleryQuery(db).where('o.visibility', '=', 'public').where('o.hidden_at', 'is', null);
  return newestPage(select, query);
}

export async function updateOutput(db: Db, id: string, changes: Partial<Pick<OutputRow, 'visibility' | 'published_at' | 'hidden_at'>>): Promise<void> {
  await db.updateTable('generation_outputs').set(changes).where('id', '=', id).execute();
}

export async function setDisplayName(db: Db, userId: string, name: string | null): Promise<void> {
  await db.updateTable('users').set({ display_name: name }).where('id', '=', userId).execute();
}

export async function displayNameOf(db: Db, userId: string): Promise<string | null> {
  return (await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst())?.display_name ?? null;
}

export async function insertShare(db: Db, row: ShareRow): Promise<void> {
  await db.insertInto('share_links').values(row).execute();
}

export async function findShareByHash(db: Db, tokenHash: string): Promise<ShareRow | undefined> {
  return db.selectFrom('share_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function sharesOf(db: Db, outputId: string): Promise<ShareRow[]> {
  return db.selectFrom('share_links').selectAll().where('output_id', '=', outputId).orderBy('created_at', 'desc').execute();
}

export async function findOwnShare(db: Db, userId: string, id: string): Promise<ShareRow | undefined> {
  return db.selectFrom('share_links').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function revokeShare(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('share_links').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
