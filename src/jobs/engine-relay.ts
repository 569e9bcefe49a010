import { readFile } from 'node:fs/promises';
import { holdArtifact } from './artifact-check.js';
import { ProtocolViolation } from './child-protocol.js';
import { type EngineCall, type EngineOutcome, type EngineReply, type EngineRequestMessage, MAX_ENGINE_AUDIO_BYTES } from './engine-protocol.js';
import type { RunCallbacks } from './runner-types.js';

const refused = (code: 'engine_not_configured' | 'engine_request_invalid', message: string): EngineOutcome => ({ ok: false, code, message, transient: false });

/**
 * The runner's half of the engine channel: it admits one request at a time
 * with growing ids, reads an ASR request's audio through one checked
 * descriptor (a hostile child may have planted a symlink to a secret the
 * runner could read), hands the call to the worker and writes the reply on
 * the child's stdin. It runs beside the message stream, so the child's logs
 * and a cancel are never held up by a slow engine.
 */
export class EngineRelay {
  private lastId = 0;
  private outstanding = false;
  private readonly calls = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(
    private readonly outDir: string,
    private readonly callbacks: RunCallbacks,
    private readonly reply: (line: string) => void,
    /** A callback of the worker threw: the run must end and rethrow it. */
    private readonly onBug: (error: unknown) => void,
  ) {}

  /** Takes one request; throws ProtocolViolation when the child breaks the channel's rules. */
  admit(message: EngineRequestMessage): void {
    if (this.outstanding) throw new ProtocolViolation('an engine request while another is outstanding');
    if (message.id <= this.lastId) throw new ProtocolViolation('an engine request id was reused');
    this.lastId = message.id;
    this.outstanding = true;
    const call = this.serve(message);
    this.calls.add(call);
    void call.finally(() => this.calls.delete(call));
  }

  /** Ends any call in flight (the run is over) and waits for it to settle. */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.calls);
  }

  private async serve(message: EngineRequestMessage): Promise<void> {
    let outcome: EngineOutcome;
    try {
      const call = await this.callOf(message);
      outcome = 'ok' in call ? call : this.callbacks.onEngineRequest ? await this.callbacks.onEngineRequest(call, this.abort.signal) : refused('engine_not_configured', 'This server has no engine for this request.');
    } catch (error) {
      return this.onBug(error);
    }
    if (this.abort.signal.aborted) return;
    // Cleared first: the child may answer the reply with its next request at once.
    this.outstanding = false;
    const reply: EngineReply = { kind: 'engine_reply', id: message.id, ...outcome };
    this.reply(`${JSON.stringify(reply)}\n`);
  }

  private async callOf(message: EngineRequestMessage): Promise<EngineCall | EngineOutcome> {
    switch (message.engine) {
      case 'translate': {
        const { kind: _kind, id: _id, engine: _engine, ...request } = message;
        return { engine: 'translate', request };
      }
      case 'tts': {
        const { kind: _kind, id: _id, engine: _engine, ...request } = message;
        return { engine: 'tts', request };
      }
      case 'generate':
        return { engine: 'generate' };
      case 'generate_read':
        return { engine: 'generate_read', output: message.output, offset: message.offset };
      case 'asr': {
        const audio = await this.readAudio(message.audio);
        if (!audio) return refused('engine_request_invalid', 'The audio for speech recognition could not be read safely.');
        return { engine: 'asr', request: { audio, ...(message.language && { language: message.language }), ...(message.prompt && { prompt: message.prompt }) } };
      }
    }
  }

  private async readAudio(name: string): Promise<Uint8Array | undefined> {
    let held;
    try {
      held = await holdArtifact(this.outDir, name);
    } catch {
      // A rejected or unreadable file: the child's doing, refused to it, never a bug of the worker's.
      return undefined;
    }
    try {
      if (held.artifact.size > MAX_ENGINE_AUDIO_BYTES) return undefined;
      // The checked descriptor, never the name: the child can swap the name since.
      const bytes = await readFile(held.artifact.path);
      return bytes.length === held.artifact.size ? bytes : undefined;
    } finally {
      await held.close();
    }
  }
}
