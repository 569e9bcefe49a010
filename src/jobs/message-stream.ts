import { MAX_MESSAGE_BYTES, ProtocolViolation } from './child-protocol.js';

const NEWLINE = 0x0a;

/**
 * Splits the child's message pipe into lines without ever holding more than
 * one line's worth of bytes: a child that writes an endless line is stopped
 * at MAX_MESSAGE_BYTES instead of growing the server's memory.
 */
export class MessageLineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxLineBytes = MAX_MESSAGE_BYTES) {}

  /** The complete lines in `chunk` (with what came before it); throws ProtocolViolation past the cap. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.keep(chunk.subarray(start, end));
      lines.push(Buffer.concat(this.pending, this.pendingBytes).toString('utf8'));
      this.pending = [];
      this.pendingBytes = 0;
      start = end + 1;
    }
    this.keep(chunk.subarray(start));
    return lines;
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxLineBytes) throw new ProtocolViolation(`a message line is longer than ${this.maxLineBytes} bytes`);
    this.pending.push(part);
  }
}

/**
 * A token bucket: `capacity` at once, refilled at `perSecond`. The runner
 * reads the child's pipes on the server's event loop, so a child that writes
 * as fast as a pipe allows would steal the server's time; past its budget it
 * is stopped.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes `amount` tokens; false when the budget is spent. */
  take(amount: number): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

/**
 * How much a child may write on its message pipe and stderr together. A
 * stage that logs a line per processed frame or per token would pass; a
 * flood would not. Generous enough that a real stage never meets it.
 */
export const OUTPUT_BUDGET = {
  burstBytes: 8 * 1024 * 1024,
  bytesPerSecond: 2 * 1024 * 1024,
  burstLines: 5_000,
  linesPerSecond: 500,
} as const;
