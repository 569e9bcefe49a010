import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // When Sakuga last saw proof that the account's owner controls its email:
  // set by an admin, or by a link mailed to it. Single sign-on links accounts by
  // email only when this is set. Emails so far could only be set by admins.
  await db.schema.alterTable('users').addColumn('email_verified_at', 'text').execute();
  await sql`update users set email_verified_at = updated_at where email is not null`.execute(db);

  // A person at an OpenID Provider (issuer + subject) signs in as one account.
  await db.schema
    .createTable('oidc_identities')
    .addColumn('id', 'text', (col) => col.notNull().unique()) // names a link in the API
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_login_at', 'text')
    .addPrimaryKeyConstraint('oidc_identities_pk', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('oidc_identities_user_id').on('oidc_identities').column('user_id').execute();

  // One row per sign-in attempt, keyed by the SHA-256 of the browser's flow
  // cookie. The PKCE verifier and nonce are derived from that cookie with the
  // server key, so no secret of the flow is stored here.
  await db.schema
    .createTable('oidc_logins')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    // Set when a signed-in person links their provider identity instead of signing in.
    .addColumn('link_user_id', 'text', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('callback_at', 'text')
    .addColumn('user_id', 'text', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('used_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_logins').execute();
  await db.schema.dropTable('oidc_identities').execute();
  await db.schema.alterTable('users').dropColumn('email_verified_at').execute();
}
