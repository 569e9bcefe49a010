import type { Kysely } from 'kysely';
import { reusableQuery } from '../db/reusable-query.js';
import type { Database, UsersTable } from '../db/types.js';

type Executor = Kysely<Database>;

/** The columns that may leave the store; the password hash is never among them. */
const PUBLIC_COLUMNS = ['id', 'username', 'email', 'role', 'disabled_at', 'created_at'] as const;
export type PublicUser = Pick<UsersTable, (typeof PUBLIC_COLUMNS)[number]>;

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Executor, user: UsersTable): Promise<PublicUser> {
  await db.insertInto('users').values(user).execute();
  return findUserById(db, user.id) as Promise<PublicUser>;
}

/** Compiled once: /api/auth/me and every admin action read a user by id. */
export const findUserById: (db: Executor, id: string) => Promise<PublicUser | undefined> = reusableQuery((db: Executor, id: string) =>
  db.selectFrom('users').select(PUBLIC_COLUMNS).where('id', '=', id),
);

/** Only sign-in reads the hash. */
export async function findCredentials(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'password_hash', 'disabled_at', 'totp_enabled_at'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function updatePasswordHash(db: Executor, id: string, passwordHash: string, now: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', id).execute();
}

export async function listUsers(db: Executor): Promise<PublicUser[]> {
  return db.selectFrom('users').select(PUBLIC_COLUMNS).orderBy('created_at').orderBy('id').execute();
}

export async function updateUser(
  db: Executor,
  id: string,
  changes: {
    role?: string;
    disabled_at?: string | null;
    password_hash?: string;
    email?: string | null;
    email_verified_at?: string | null;
    updated_at: string;
  },
): Promise<PublicUser | undefined> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
  return findUserById(db, id);
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
