import { randomUUID } from 'node:crypto';
import type { Role } from '../access/roles.js';
import type { UsersTable } from '../db/types.js';
import type { PasswordService } from './passwords.js';
import { normaliseEmail, normaliseUsername } from './password-policy.js';

export interface NewUserInput {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly email?: string | undefined;
}

/**
 * Validates and hashes a new account outside any transaction (hashing takes
 * tens of milliseconds), returning the row to insert. Throws AppError (400) on a
 * bad username or password.
 */
export async function prepareNewUser(input: NewUserInput, passwords: PasswordService, now: Date): Promise<UsersTable> {
  const username = normaliseUsername(input.username);
  const password = passwords.validate(input.password, { username });
  const timestamp = now.toISOString();
  return {
    id: randomUUID(),
    username,
    password_hash: await passwords.hash(password),
    role: input.role,
    disabled_at: null,
    created_at: timestamp,
    updated_at: timestamp,
    totp_secret_sealed: null,
    totp_pending_sealed: null,
    totp_enabled_at: null,
    totp_last_step: null,
    email: input.email === undefined ? null : normaliseEmail(input.email),
    // Accounts are made by admins (or the CLI), who vouch for the address they type.
    email_verified_at: input.email === undefined ? null : timestamp,
    display_name: null,
  };
}
