import type { IsoTime } from '../db/types.js';

/** The blob store's tables (migrations 0019-0021); db/types.ts names them in the Database. */

export interface BlobsTable {
  /** The name the code uses: `uploads/<id>`, `artifacts/<job>/<name>`, … */
  key: string;
  /** The immutable object it is stored as: 32 hex digits, random. */
  id: string;
  /** Plaintext bytes. */
  size: number;
  /** Bytes in the object store (larger when encrypted: header and tags). */
  stored_size: number;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
  /** The key-encryption key that wraps its data key; null: stored in plaintext. */
  kid: string | null;
  /** Its data key, wrapped (base64); null: stored in plaintext. */
  wrapped_key: string | null;
  created_at: IsoTime;
}

export interface StorageKeysTable {
  kid: string;
  state: 'active' | 'decrypt' | 'retired';
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface ShredLedgerTable {
  object_id: string;
  /** 1: its data key was deleted with it (crypto-shredded); 0: a plaintext object, deleted best-effort. */
  encrypted: number;
  reason: string;
  shredded_at: IsoTime;
  /** The storage key its data key was wrapped under (encrypted objects only). */
  kid: string | null;
}
