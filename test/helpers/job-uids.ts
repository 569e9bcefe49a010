/**
 * The uids the jobs tests run their children as, when they run as root.
 *
 * RLIMIT_NPROC counts every task (each thread too) of a uid, so a test file
 * whose children share a uid with another file's — or with the servers the
 * end-to-end tests start, whose jobs run as nobody — sees its process limit
 * eaten by them when the files run at the same time. Each file that runs
 * children under a process limit has a uid of its own, kept in this one list
 * so that no two pick the same.
 */
interface JobTestUser {
  readonly uid: number;
  readonly gid: number;
}

export const JOB_TEST_USERS: Readonly<Record<'runner' | 'forkBomb' | 'warmStart' | 'engineChannel', JobTestUser>> = {
  runner: { uid: 65531, gid: 65531 },
  forkBomb: { uid: 65533, gid: 65533 },
  warmStart: { uid: 65532, gid: 65532 },
  engineChannel: { uid: 65530, gid: 65530 },
};
