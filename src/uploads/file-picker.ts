import { lstat, opendir, realpath, stat } from 'node:fs/promises';
import { join, posix, sep } from 'node:path';
import { AppError } from '../http/app-error.js';
import { uploadErrors } from './errors.js';
import { extensionOf, UPLOAD_KINDS, type UploadKind } from './kinds.js';

/** The kinds a picked file can be used as; data files are not offered. */
const PICKABLE: readonly UploadKind[] = ['video', 'audio', 'image', 'subtitles'];
const MAX_ENTRIES = 2000;

export interface PickerEntry {
  readonly name: string;
  readonly type: 'dir' | 'file';
  readonly kind?: UploadKind;
  readonly size?: number;
}

function kindOf(name: string): UploadKind | undefined {
  const extension = extensionOf(name);
  return PICKABLE.find((kind) => (UPLOAD_KINDS[kind] as readonly string[]).includes(extension));
}

/**
 * Refuses every traversal family before touching the disk: `..` in any
 * spelling (checked after NFKC, so fullwidth dots count; `..;` too; names
 * with fullwidth letters stay usable), NUL, backslashes,
 * UNC-style `//`, replacement characters left by overlong or broken UTF-8, and
 * `%` (the query string was decoded once already; a second layer is an attack).
 */
export function checkPickerPath(dir: string): string {
  const normalised = dir.normalize('NFKC');
  const bad =
    !normalised.startsWith('/') ||
    normalised.startsWith('//') ||
    /[\\%\uFFFD]/.test(normalised) ||
    /\p{Cc}/u.test(normalised) ||
    normalised.split('/').some((segment) => segment === '.' || segment.startsWith('..'));
  if (bad) throw new AppError(uploadErrors.path_invalid);
  return posix.normalize(dir).replace(/(.)\/+$/, '$1');
}

/** Whether `path` is `root` or inside it: a prefix match alone would let /media/base-evil pass for /media/base. */
function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root === sep ? root : root + sep);
}

export type FilePicker = ReturnType<typeof createFilePicker>;

/**
 * Lists media under the allowlisted roots (FILE_PICKER_ROOTS). Paths are
 * resolved to their real location when the request is served, so a symlink
 * (or a rename since) cannot lead out; entries that resolve outside the roots
 * are left out; only directories and media or subtitle files are shown.
 */
export function createFilePicker(roots: readonly string[]) {
  const enabled = roots.length > 0;

  async function realRoots(): Promise<string[]> {
    const resolved = await Promise.all(roots.map((root) => realpath(root).catch(() => undefined)));
    return resolved.filter((root): root is string => root !== undefined);
  }

  async function insideRoots(path: string, allowed: readonly string[]): Promise<string | undefined> {
    const real = await realpath(path).catch(() => undefined);
    return real && allowed.some((root) => within(real, root)) ? real : undefined;
  }

  async function list(dir: string | undefined): Promise<{ dir: string | null; entries: PickerEntry[] }> {
    if (!enabled) throw new AppError(uploadErrors.file_picker_disabled);
    const allowed = await realRoots();
    if (dir === undefined) return { dir: null, entries: allowed.map((root) => ({ name: root, type: 'dir' as const })) };

    const requested = checkPickerPath(dir);
    const real = await insideRoots(requested, allowed);
    // Outside the roots and missing look the same: the picker reveals nothing beyond them.
    if (!real || !(await stat(real)).isDirectory()) throw new AppError(uploadErrors.path_not_found);

    const entries: PickerEntry[] = [];
    for await (const entry of await opendir(real)) {
      if (entries.length >= MAX_ENTRIES) break;
      const path = join(real, entry.name);
      const link = (await lstat(path).catch(() => undefined))?.isSymbolicLink();
      const target = link ? await insideRoots(path, allowed) : path;
      if (!target) continue;
      const info = await stat(target).catch(() => undefined);
      if (info?.isDirectory()) entries.push({ name: entry.name, type: 'dir' });
      else if (info?.isFile() && kindOf(entry.name)) entries.push({ name: entry.name, type: 'file', kind: kindOf(entry.name)!, size: info.size });
    }
    entries.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'dir' ? -1 : 1));
    return { dir: real, entries };
  }

  /**
   * A file picked to be used as an upload: inside the roots once resolved,
   * a regular file, of a kind the picker offers. Outside, missing and the
   * wrong type all answer path_not_found.
   */
  async function pick(path: string): Promise<PickedFile> {
    if (!enabled) throw new AppError(uploadErrors.file_picker_disabled);
    const requested = checkPickerPath(path);
    const real = await insideRoots(requested, await realRoots());
    const info = real ? await stat(real).catch(() => undefined) : undefined;
    const kind = kindOf(posix.basename(requested));
    if (!real || !info?.isFile() || !kind) throw new AppError(uploadErrors.path_not_found);
    return { path: real, kind, filename: posix.basename(requested), size: info.size };
  }

  return { enabled, list, pick };
}

export interface PickedFile {
  /** The real path, inside the roots. */
  readonly path: string;
  readonly kind: UploadKind;
  readonly filename: string;
  readonly size: number;
}
