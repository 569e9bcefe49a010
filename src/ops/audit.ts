import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactFields } from './redact.js';
import { ensurePrivateDir } from '../config/data-dir.js';

export type AuditActor = { readonly type: 'anonymous' } | { readonly type: 'user'; readonly id: string } | { readonly type: 'system' };

export interface AuditEvent {
  readonly action: string;
  readonly result: 'success' | 'failure' | 'denied';
  readonly actor: AuditActor;
  readonly ip?: string | undefined;
  readonly target?: string | undefined;
  readonly requestId?: string | undefined;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

export interface AuditLog {
  /** Appends one event. Never rejects: a failed write is reported, not thrown. */
  record(event: AuditEvent): Promise<void>;
  readonly dir: string;
}

export interface AuditOptions {
  readonly dir: string;
  readonly now?: () => Date;
  /** Told about the first failed write of a run of failures, and when writes recover. */
  readonly onWriteError?: (error: unknown) => void;
  readonly onRecovered?: () => void;
}


/**
 * The one audit writer: append-only JSON lines, one file per UTC day under
 * `<data dir>/audit/`, files 0600. A line is written with a single append, so
 * processes sharing the directory never interleave within a line. A failing
 * write (disk full, permissions) is logged once and never breaks the request
 * that caused it.
 */
export function createAuditLog(options: AuditOptions): AuditLog {
  const now = options.now ?? (() => new Date());
  let prepared = false;
  let failing = false;

  async function write(event: AuditEvent): Promise<void> {
    if (!prepared) {
      ensurePrivateDir(options.dir);
      prepared = true;
    }
    const time = now();
    const line = {
      time: time.toISOString(),
      action: event.action,
      result: event.result,
      actor: event.actor,
      ip: event.ip ?? null,
      target: event.target ?? null,
      request_id: event.requestId ?? null,
      details: redactFields(event.details ?? {}),
    };
    await appendFile(join(options.dir, `${time.toISOString().slice(0, 10)}.jsonl`), `${JSON.stringify(line)}\n`, { mode: 0o600 });
  }

  return {
    dir: options.dir,
    async record(event) {
      try {
        await write(event);
        if (failing) {
          failing = false;
          options.onRecovered?.();
        }
      } catch (error) {
        prepared = false;
        if (!failing) {
          failing = true;
          options.onWriteError?.(error);
        }
      }
    },
  };
}

