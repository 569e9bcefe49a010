import { type FileHandle, open } from 'node:fs/promises';
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
  /** Closes the open day file (shutdown, tests). */
  close(): Promise<void>;
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

  // The day's file stays open in append mode: one write per event instead of open, write, close.
  let file: { day: string; handle: Promise<FileHandle> } | undefined;
  function fileFor(day: string): Promise<FileHandle> {
    if (file?.day !== day) {
      void file?.handle.then((handle) => handle.close()).catch(() => {});
      file = { day, handle: open(join(options.dir, `${day}.jsonl`), 'a', 0o600) };
    }
    return file.handle;
  }

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
    // O_APPEND: each line is one write at the end of the file, so processes sharing it never interleave.
    await (await fileFor(time.toISOString().slice(0, 10))).write(`${JSON.stringify(line)}\n`);
  }

  return {
    dir: options.dir,
    async close() {
      const open = file;
      file = undefined;
      await open?.handle.then((handle) => handle.close()).catch(() => {});
    },
    async record(event) {
      try {
        await write(event);
        if (failing) {
          failing = false;
          options.onRecovered?.();
        }
      } catch (error) {
        prepared = false;
        file = undefined;
        if (!failing) {
          failing = true;
          options.onWriteError?.(error);
        }
      }
    },
  };
}

/**
 * A domain's audit lines in one call: the acting user (or anonymous), the
 * client's address and request id, and targets under one prefix
 * (`api_key:<id>`, `job:<id>`).
 */
export function auditTrail(audit: AuditLog, targetPrefix: string) {
  return function recordAudit(
    action: string,
    result: AuditEvent['result'],
    actor: { readonly userId: string } | undefined,
    client: { readonly ip: string; readonly requestId: string },
    target: string,
    details: Readonly<Record<string, unknown>> = {},
  ): Promise<void> {
    return audit.record({ action, result, actor: actor ? { type: 'user', id: actor.userId } : { type: 'anonymous' }, ip: client.ip, requestId: client.requestId, target: `${targetPrefix}:${target}`, details });
  };
}
