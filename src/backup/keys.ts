import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../config/secret.js';

/**
 * The keys of a backup, derived from the server's SAKUGA_ENCRYPTION_KEY:
 * whoever restores needs that key (and, where encryption at rest is on, the
 * storage keys) beside the backup itself. Every file in a backup is sealed
 * (SKG1) under a data key derived from its id; the manifest is MACed.
 */
export interface BackupKeys {
  /** Names the key without revealing it: a backup made under another key is told apart at once. */
  readonly keyId: string;
  readonly fileKey: (fileId: string) => Buffer;
  readonly mac: (text: string) => string;
  readonly macMatches: (text: string, mac: string) => boolean;
}

export function backupKeys(serverKey: Secret): BackupKeys {
  const root = Buffer.from(serverKey.reveal(), 'utf8');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), Buffer.from(info), 32));
  const macKey = derive('sakuga/backup/v1/manifest');
  const fileRoot = derive('sakuga/backup/v1/files');
  const mac = (text: string) => createHmac('sha256', macKey).update(text).digest('hex');
  return {
    keyId: createHash('sha256').update('sakuga/backup/v1/key-id').update(root).digest('hex').slice(0, 16),
    fileKey: (fileId: string) => Buffer.from(hkdfSync('sha256', fileRoot, Buffer.alloc(0), Buffer.from(`file/${fileId}`), 32)),
    mac,
    macMatches: (text: string, given: string) => {
      const expected = Buffer.from(mac(text), 'hex');
      const actual = Buffer.from(given, 'hex');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
