import { join } from 'node:path';
import { type HeldArtifact, holdArtifact } from './artifact-check.js';
import { type ChildMessage, type FailedMessage, ProtocolViolation } from './child-protocol.js';
import { ENGINE_INPUT_NAME } from './engine-protocol.js';
import type { EngineRelay } from './engine-relay.js';
import type { RunCallbacks } from './runner-types.js';

/** A callback of the worker threw: not the child's fault, so the run rethrows it rather than blaming the job. */
export class CallbackFailed extends Error {
  constructor(readonly original: unknown) {
    super('a runner callback failed');
    this.name = 'CallbackFailed';
  }
}

async function call(callback: () => void | Promise<void>): Promise<void> {
  try {
    await callback();
  } catch (error) {
    throw new CallbackFailed(error);
  }
}

/**
 * The order the child's messages must follow, and their delivery to the
 * worker. Stages start one at a time from `fromStage` and end in order;
 * progress belongs to the running stage; after `failed` nothing more counts.
 * Every callback is awaited before the next message is looked at, so the
 * worker's checkpoint in `onStageDone` is never overtaken.
 */
export class RunSession {
  private nextStage: number;
  private runningStage: number | undefined;
  private failedWith: FailedMessage | undefined;
  private readonly outDir: string;

  constructor(
    private readonly stageCount: number,
    fromStage: number,
    workDir: string,
    private readonly callbacks: RunCallbacks,
    private readonly engines: EngineRelay,
  ) {
    this.nextStage = fromStage;
    this.outDir = join(workDir, 'out');
  }

  /** Every stage from `fromStage` on reported done. */
  get allStagesDone(): boolean {
    return this.nextStage >= this.stageCount && this.runningStage === undefined && !this.failedWith;
  }

  /** The stage that was running (or about to), for a failure report. */
  get currentStage(): number | undefined {
    return this.runningStage ?? (this.nextStage < this.stageCount ? this.nextStage : undefined);
  }

  /** The child's own failure report, if it sent one. */
  get failure(): FailedMessage | undefined {
    return this.failedWith;
  }

  /** Checks one message against the run so far and delivers it; throws ProtocolViolation, ArtifactRejected or CallbackFailed. */
  async handle(message: ChildMessage): Promise<void> {
    if (this.failedWith) return;
    switch (message.kind) {
      case 'ready':
        return;
      case 'stage_start':
        if (this.runningStage !== undefined || message.index !== this.nextStage || message.index >= this.stageCount) {
          throw new ProtocolViolation(`stage ${message.index} started out of order`);
        }
        this.runningStage = message.index;
        return call(() => this.callbacks.onStageStart(message.index));
      case 'progress': {
        this.expectRunning(message.index, 'progress');
        // JSON can carry 1e999 (Infinity); NaN cannot reach here.
        const value = Math.min(1, Math.max(0, message.value));
        return call(() => this.callbacks.onProgress(message.index, value));
      }
      case 'log':
        return call(() => this.callbacks.onLog({ level: message.level, msg: message.msg, ...(message.fields ? { fields: message.fields } : {}) }));
      case 'stage_done':
        this.expectRunning(message.index, 'stage_done');
        await this.finishStage(message.index, message.artifacts);
        return;
      case 'engine_request':
        if (this.runningStage === undefined) throw new ProtocolViolation('an engine request outside a stage');
        this.engines.admit(message);
        return;
      case 'failed':
        this.failedWith = { ...message, index: this.runningStage ?? message.index };
        return;
    }
  }

  private expectRunning(index: number, kind: string): void {
    if (this.runningStage !== index) throw new ProtocolViolation(`${kind} for stage ${index}, which is not running`);
  }

  private async finishStage(index: number, names: readonly string[]): Promise<void> {
    if (new Set(names).size !== names.length) throw new ProtocolViolation(`stage ${index} reported an artifact twice`);
    // An engine's input is the worker's to read, never the job's to publish.
    if (names.some((name) => ENGINE_INPUT_NAME.test(name))) throw new ProtocolViolation(`stage ${index} reported an engine input as an artifact`);
    const held: HeldArtifact[] = [];
    try {
      for (const name of names) held.push(await holdArtifact(this.outDir, name));
      await call(() => this.callbacks.onStageDone(index, held.map((entry) => entry.artifact)));
    } finally {
      await Promise.all(held.map((entry) => entry.close()));
    }
    this.runningStage = undefined;
    this.nextStage = index + 1;
  }
}
