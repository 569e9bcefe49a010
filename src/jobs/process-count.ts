import { readdir, readFile } from 'node:fs/promises';

const PID = /^\d+$/;

/**
 * How many tasks (processes and threads, zombies included) whose real uid is
 * `uid` exist now, as far as this process can see in /proc.
 *
 * RLIMIT_NPROC is not a per-tree limit: the kernel compares it with every
 * task of the child's real uid. A limit of "N more than now" therefore needs
 * this count first. It is a snapshot: other jobs of the same uid that start or
 * end while this one runs move its headroom, and tasks in another pid
 * namespace (a container beside us) count for the kernel but not here.
 */
export async function countTasksOfUid(uid: number): Promise<number> {
  const entries = await readdir('/proc');
  const counts = await Promise.all(
    entries.filter((entry) => PID.test(entry)).map(async (pid) => {
      try {
        return tasksIfOwnedBy(await readFile(`/proc/${pid}/status`, 'utf8'), uid);
      } catch {
        return 0; // Exited while we looked.
      }
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** `Threads:` of one /proc/<pid>/status when its real uid (first `Uid:` field) is `uid`, else 0. */
export function tasksIfOwnedBy(status: string, uid: number): number {
  const realUid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
  if (realUid === undefined || Number(realUid) !== uid) return 0;
  return Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
}
