import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Device login (the RFC 8628 device-code pattern): a new device asks, a signed-in one approves.
  await db.schema
    .createTable('qr_logins')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('poll_token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('user_code_hash', 'text', (col) => col.notNull())
    .addColumn('requester_ip', 'text')
    .addColumn('requester_user_agent', 'text')
    .addColumn('requester_device_name', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('failed_approvals', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('approved_by', 'text', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('approved_at', 'text')
    .addColumn('redeemed_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('qr_logins').execute();
}
