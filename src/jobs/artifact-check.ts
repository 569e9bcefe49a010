import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProducedArtifact } from './runner-types.js';
import { isArtifactName } from './child-protocol.js';

/** Why a file a stage reported cannot be taken as its artifact. */
export type ArtifactProblem = 'bad_name' | 'missing' | 'symlink' | 'not_regular' | 'hard_linked' | 'outside' | 'changed';

export class ArtifactRejected extends Error {
  constructor(readonly problem: ArtifactProblem) {
    super(`artifact rejected: ${problem}`);
    this.name = 'ArtifactRejected';
  }
}

/** An artifact checked through one open descriptor, kept open until `close()`. */
export interface HeldArtifact {
  readonly artifact: ProducedArtifact;
  close(): Promise<void>;
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;
const CHUNK = 1024 * 1024;

/**
 * Opens `<outDir>/<name>` as the child's artifact and checks it the way a
 * privileged reader of a hostile directory must: the child owns `outDir` and
 * may at any moment swap a name for a symlink to /etc/shadow or to the data
 * dir's secrets (which the parent, outside the sandbox, could read). So the
 * file is opened once without following symlinks (O_NOFOLLOW, O_NONBLOCK so a
 * FIFO cannot block the open), and every check after that is on the open
 * descriptor: a regular file, one link (not a hard link to something else),
 * and — read back from /proc/self/fd — really inside `outDir`, so a symlinked
 * `out` directory is caught too. Size and SHA-256 are computed from the bytes
 * read here; the child's numbers are never asked for.
 *
 * The artifact's `path` is the descriptor's /proc/self/fd link: whoever opens
 * it while the artifact is held gets this very file, whatever the child has
 * renamed since. `outDir` must be a real path (no symlinks).
 */
export async function holdArtifact(outDir: string, name: string): Promise<HeldArtifact> {
  if (!isArtifactName(name)) throw new ArtifactRejected('bad_name');
  let handle: FileHandle;
  try {
    handle = await open(join(outDir, name), OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new ArtifactRejected('symlink');
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ArtifactRejected('missing');
    throw error;
  }
  try {
    const before = await handle.stat();
    if (!before.isFile()) throw new ArtifactRejected('not_regular');
    if (before.nlink !== 1) throw new ArtifactRejected('hard_linked');
    const procPath = `/proc/self/fd/${handle.fd}`;
    if ((await readlink(procPath)) !== join(outDir, name)) throw new ArtifactRejected('outside');

    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, size);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
    const after = await handle.stat();
    if (after.size !== size || after.mtimeMs !== before.mtimeMs) throw new ArtifactRejected('changed');

    return { artifact: { name, path: procPath, size, sha256: hash.digest('hex') }, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
