import type { Kysely } from 'kysely';

/** Timestamps are ISO-8601 UTC strings in both dialects, so they sort as text. */
export type IsoTime = string;

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  disabled_at: IsoTime | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

/** At most one row: the SHA-256 of the pending first-run setup token. */
export interface SetupTokenTable {
  id: number;
  token_hash: string;
  created_at: IsoTime;
}

export interface Database {
  users: UsersTable;
  setup_token: SetupTokenTable;
}

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';
