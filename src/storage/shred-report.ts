/** What a shred erased, and what of it can outlive it in backups. */
export interface ShredReport {
  /** Names removed. */
  readonly blobs: number;
  /** Stored objects deleted (names can share one). */
  readonly objects: number;
  /** Of those, encrypted ones: erased the moment their data keys were deleted. */
  readonly encrypted: number;
  /** The storage keys that wrapped the erased data keys. */
  readonly wrappedUnder: readonly string[];
  readonly at: string;
}

/** Adds up shreds (a clean-up run erases several jobs' files). */
export function combineShreds(reports: readonly ShredReport[], at: string): ShredReport {
  return {
    blobs: reports.reduce((sum, report) => sum + report.blobs, 0),
    objects: reports.reduce((sum, report) => sum + report.objects, 0),
    encrypted: reports.reduce((sum, report) => sum + report.encrypted, 0),
    wrappedUnder: [...new Set(reports.flatMap((report) => report.wrappedUnder))].sort(),
    at,
  };
}

/**
 * Until when copies can survive, in words. An encrypted object's data key
 * now exists only in database backups taken before the shred, and opens
 * nothing without the storage key that wrapped it: once that key is retired
 * (after a rotation) and its file destroyed, no copy anywhere can be read.
 * A plaintext object's bytes can survive wherever they were copied, and on
 * the disk itself (overwriting is not erasure on SSDs and copy-on-write file
 * systems).
 */
export function backupSurvival(report: ShredReport): string {
  const plaintext = report.objects - report.encrypted;
  const parts: string[] = [];
  if (report.encrypted > 0) {
    const keys = report.wrappedUnder.join(', ');
    parts.push(
      `${report.encrypted} encrypted files are unreadable from now on; their wrapped keys survive only in database backups taken before ${report.at}, and only until storage key ${keys} is retired (sakuga keys rotate, then retire) and its file destroyed.`,
    );
  }
  if (plaintext > 0) parts.push(`${plaintext} files stored in plaintext were deleted; copies in backups of the storage, and their bytes on the disk, may survive.`);
  return parts.join(' ') || 'Nothing was stored.';
}
