import { createHash, randomBytes } from 'node:crypto';
import { roleCan } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { reachesResource } from '../access/resource-access.js';
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetPosition } from '../db/keyset-cursor.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import type { ServedFile } from '../http/send-file.js';
import type { ArtifactStore } from '../jobs/artifacts.js';
import { jobErrors } from '../jobs/errors.js';
import { type AuditLog, auditTrail } from '../ops/audit.js';
import { galleryErrors } from './errors.js';
import {
  displayNameOf,
  findGalleryOutput,
  findOwnShare,
  findShareByHash,
  type GalleryRow,
  insertShare,
  listForModeration,
  listGallery,
  revokeShare,
  setDisplayName,
  type ShareRow,
  sharesOf,
  updateOutput,
} from './gallery-store.js';
import { newId } from './projects.js';

const ID = /^[0-9a-f]{32}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;

interface ClientInfo {
  readonly ip: string;
  readonly requestId: string;
}

/** What anyone may see of a public item: no prompt, no project, no account name; only the name its owner chose to show. */
export interface GalleryItem {
  readonly id: string;
  readonly kind: 'image' | 'video';
  readonly format: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly display_name: string | null;
  readonly created_at: string;
  readonly file_url: string;
  /** Only on the viewer's own items. */
  readonly mine?: { readonly visibility: 'private' | 'public'; readonly hidden: boolean; readonly project_id: string };
}

/** What an admin sees of an item to moderate: the item, its state and whose it is. */
export interface ModerationItem extends GalleryItem {
  readonly visibility: 'private' | 'public';
  readonly hidden_at: string | null;
  readonly owner: string;
}

/** An item's file, with the extension its download is named with. */
export type GalleryFile = ServedFile & { readonly extension: string };

export interface ShareView {
  readonly id: string;
  readonly created_at: string;
  readonly expires_at: string | null;
  readonly revoked_at: string | null;
  readonly active: boolean;
}

interface PageQuery {
  readonly cursor?: string;
  readonly limit?: number;
}

/** One page of a newest-first list: a row more than asked says there is a next page, whose cursor is the last row shown. */
async function pageOf<T>(query: PageQuery, load: (page: { limit: number; after?: KeysetPosition }) => Promise<GalleryRow[]>, shape: (row: GalleryRow) => T) {
  const after = query.cursor === undefined ? undefined : decodeKeysetCursor(query.cursor, ID);
  if (query.cursor !== undefined && !after) throw new AppError(jobErrors.invalid_cursor);
  const limit = query.limit ?? 48;
  const rows = await load({ limit: limit + 1, ...(after && { after }) });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(shape), ...(rows.length > limit && last && { next_cursor: encodeKeysetCursor(last) }) };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The gallery: each output private until its owner publishes it; public
 * items readable by anyone, showing the owner's chosen display name and
 * nothing else of them; a signed-in person also sees their own private
 * items; an admin can hide anything. Unlisted share links open one output
 * until they expire or are revoked; only their tokens' hashes are stored.
 */
export function createGallery(deps: { db: Db; artifacts: ArtifactStore; audit: AuditLog; now: () => Date }) {
  const { db } = deps;
  const record = auditTrail(deps.audit, 'gallery');

  /** Whose own items a principal sees: a session (or a key that may manage every project) of someone who can have projects. */
  function viewerOf(principal: Principal | undefined): string | undefined {
    if (!principal || !roleCan(principal.role, 'projects:manage')) return undefined;
    if ((principal.via === 'api_key' || principal.via === 'signed_url') && !principal.scopes?.grantsGlobally('projects:manage')) return undefined;
    return principal.userId;
  }

  /** Whether a principal moderates the gallery: an admin's session, or a key that may moderate everything. */
  function moderates(principal: Principal | undefined): boolean {
    if (!principal || !roleCan(principal.role, 'gallery:moderate')) return false;
    return !(principal.via === 'api_key' || principal.via === 'signed_url') || principal.scopes?.grantsGlobally('gallery:moderate') === true;
  }

  const isListed = (row: GalleryRow) => row.visibility === 'public' && row.hidden_at === null;
  /** What moderation concerns: what is public, and what an admin hid. Someone's private, unhidden item stays theirs alone. */
  const isModerated = (row: GalleryRow) => row.visibility === 'public' || row.hidden_at !== null;

  function itemOf(row: GalleryRow, viewerId: string | undefined, fileUrl = `/api/gallery/items/${row.id}/file`): GalleryItem {
    return {
      id: row.id,
      kind: row.kind,
      format: row.format,
      width: row.width,
      height: row.height,
      display_name: row.display_name,
      created_at: row.created_at,
      file_url: fileUrl,
      ...(viewerId === row.user_id && { mine: { visibility: row.visibility, hidden: row.hidden_at !== null, project_id: row.project_id } }),
    };
  }

  /** An item the viewer may see: listed, their own, or one they moderate. Anything else looks missing. */
  async function visible(principal: Principal | undefined, id: string): Promise<{ row: GalleryRow; viewerId: string | undefined }> {
    const row = ID.test(id) ? await findGalleryOutput(db, id) : undefined;
    const viewerId = viewerOf(principal);
    if (!row || !(isListed(row) || row.user_id === viewerId || (isModerated(row) && moderates(principal)))) throw new AppError(galleryErrors.gallery_item_not_found);
    return { row, viewerId };
  }

  /** An output its owner manages (visibility, shares): theirs, and for a key, within its project scopes. */
  async function owned(principal: Principal, id: string): Promise<GalleryRow> {
    const row = ID.test(id) ? await findGalleryOutput(db, id) : undefined;
    if (!row || row.user_id !== principal.userId || !reachesResource(principal, 'projects:manage', { type: 'project', id: row.project_id, action: 'manage' })) {
      throw new AppError(galleryErrors.gallery_item_not_found);
    }
    return row;
  }

  async function fileOf(row: GalleryRow): Promise<GalleryFile> {
    const file = await deps.artifacts.file(row.job_id, row.artifact);
    if (!file || file.size !== row.bytes) throw new AppError(galleryErrors.gallery_item_not_found);
    return Object.assign(file, { extension: row.artifact.split('.').pop()! });
  }

  async function liveShare(token: string): Promise<{ share: ShareRow; row: GalleryRow }> {
    const share = TOKEN.test(token) ? await findShareByHash(db, hashToken(token)) : undefined;
    const now = deps.now().toISOString();
    const row = share && share.revoked_at === null && (share.expires_at === null || share.expires_at > now) ? await findGalleryOutput(db, share.output_id) : undefined;
    // A hidden item is hidden from its links too.
    if (!share || !row || row.hidden_at !== null) throw new AppError(galleryErrors.share_not_found);
    return { share, row };
  }

  const shareView = (share: ShareRow): ShareView => ({
    id: share.id,
    created_at: share.created_at,
    expires_at: share.expires_at,
    revoked_at: share.revoked_at,
    active: share.revoked_at === null && (share.expires_at === null || share.expires_at > deps.now().toISOString()),
  });

  return {
    /** Whether a response for this principal may be cached by shared caches (it holds nothing private). */
    isAnonymousView: (principal: Principal | undefined) => viewerOf(principal) === undefined && !moderates(principal),

    async list(principal: Principal | undefined, query: PageQuery) {
      const viewerId = viewerOf(principal);
      return pageOf(query, (page) => listGallery(db, { ...page, ...(viewerId && { viewerId }) }), (row) => itemOf(row, viewerId));
    },

    /** Admins: the items listed publicly, or the hidden ones, with whose they are. */
    async moderation(query: PageQuery & { state: 'listed' | 'hidden' }) {
      return pageOf(query, (page) => listForModeration(db, { ...page, state: query.state }), (row): ModerationItem => ({
        ...itemOf(row, undefined),
        visibility: row.visibility,
        hidden_at: row.hidden_at,
        owner: row.owner,
      }));
    },

    async item(principal: Principal | undefined, id: string): Promise<GalleryItem> {
      const { row, viewerId } = await visible(principal, id);
      return itemOf(row, viewerId);
    },

    /** The file, and whether shared caches may keep it (a listed item seen by anyone). */
    async file(principal: Principal | undefined, id: string): Promise<{ file: GalleryFile; listed: boolean }> {
      const { row } = await visible(principal, id);
      return { file: await fileOf(row), listed: isListed(row) };
    },

    async setVisibility(principal: Principal, id: string, visibility: 'private' | 'public', client: ClientInfo): Promise<GalleryItem> {
      const row = await owned(principal, id);
      const changes = { visibility, published_at: visibility === 'public' ? (row.published_at ?? deps.now().toISOString()) : null };
      await updateOutput(db, id, changes);
      await record(visibility === 'public' ? 'gallery.published' : 'gallery.unpublished', 'success', principal, client, id);
      return itemOf({ ...row, ...changes }, principal.userId);
    },

    /** An admin hides (or shows again) any item: hidden, it is listed to nobody and its share links stop working. */
    async setHidden(principal: Principal, id: string, hidden: boolean, client: ClientInfo): Promise<void> {
      const row = ID.test(id) ? await findGalleryOutput(db, id) : undefined;
      if (!row) throw new AppError(galleryErrors.gallery_item_not_found);
      await updateOutput(db, id, { hidden_at: hidden ? (row.hidden_at ?? deps.now().toISOString()) : null });
      await record(hidden ? 'gallery.hidden' : 'gallery.unhidden', 'success', principal, client, id, { owner: row.user_id });
    },

    /** A new unlisted link to one output; its token is in the answer only. */
    async share(principal: Principal, id: string, body: { expires_in_days?: number }, client: ClientInfo) {
      await owned(principal, id);
      const token = randomBytes(32).toString('base64url');
      const now = deps.now();
      const share: ShareRow = {
        id: newId(),
        token_hash: hashToken(token),
        output_id: id,
        user_id: principal.userId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + (body.expires_in_days ?? 30) * DAY_MS).toISOString(),
        revoked_at: null,
      };
      await insertShare(db, share);
      await record('gallery.share_created', 'success', principal, client, id, { share: share.id });
      return { ...shareView(share), token, path: `/s/${token}` };
    },

    shares: async (principal: Principal, id: string) => ({ shares: (await sharesOf(db, (await owned(principal, id)).id)).map(shareView) }),

    async revoke(principal: Principal, shareId: string, client: ClientInfo): Promise<void> {
      const share = ID.test(shareId) ? await findOwnShare(db, principal.userId, shareId) : undefined;
      if (!share) throw new AppError(galleryErrors.share_not_found);
      await owned(principal, share.output_id);
      await revokeShare(db, share.id, deps.now().toISOString());
      await record('gallery.share_revoked', 'success', principal, client, share.output_id, { share: share.id });
    },

    async shared(token: string): Promise<GalleryItem> {
      const { row } = await liveShare(token);
      return itemOf(row, undefined, `/api/shares/${token}/file`);
    },

    sharedFile: async (token: string): Promise<GalleryFile> => fileOf((await liveShare(token)).row),

    profile: async (principal: Principal) => ({ display_name: await displayNameOf(db, principal.userId) }),

    async setProfile(principal: Principal, displayName: string | null, client: ClientInfo) {
      const name = displayName === null ? null : displayName.replace(/\s+/g, ' ').trim() || null;
      await setDisplayName(db, principal.userId, name);
      await record('gallery.profile_changed', 'success', principal, client, principal.userId);
      return { display_name: name };
    },
  };
}

export type Gallery = ReturnType<typeof createGallery>;
