import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord } from '../../src/ops/audit-reader.js';
import type { TestApp } from './app.js';

/** Every audit event the app wrote so far, oldest first. */
export function auditEvents(t: TestApp): AuditRecord[] {
  const dir = join(t.dataDir, 'audit');
  return readdirSync(dir)
    .sort()
    .flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AuditRecord),
    );
}
