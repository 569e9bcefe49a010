import type { Kysely } from 'kysely';
import type { Database, UsersTable } from '../db/types.js';

type Executor = Kysely<Database>;

/** The columns that may leave the store; the password hash is never among them. */
const PUBLIC_COLUMNS = ['id', 'username', 'role', 'disabled_at', 'created_at'] as const;
export type PublicUser = Pick<UsersTable, (typeof PUBLIC_COLUMNS)[number]>;

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Executor, user: UsersTable): Promise<PublicUser> {
  await db.insertInto('users').values(user).execute();
  return findUserById(db, user.id) as Promise<PublicUser>;
}

export async function findUserById(db: Executor, id: string): Promise<PublicUser | undefined> {
  return db.selectFrom('users').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
}
