import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/types.js';
import type { TypeRuntime } from '../jobs/job-runtime.js';
import type { ProducedArtifact } from '../jobs/runner-types.js';
import type { LocatedTool } from '../media/toolchain.js';
import type { DubOptions } from './dub-options.js';
import { probeSource } from './media/source.js';
import { uploadNames } from '../uploads/store.js';
import { segmentsFromDocument } from './imports/segments-document.js';
import { isQaReport, MAX_QA_REPORT_BYTES } from './qa-schema.js';
import { listSegments, replaceSegments } from './segment-store.js';
import type { DubSettings, DubRuntime } from './stages/runtime.js';

/** The largest segments.json a job process may hand back (5,000 long lines fit well inside). */
const MAX_SEGMENTS_DOCUMENT_BYTES = 32 * 1024 * 1024;

/**
 * The worker's side of a dub: it hands the job process ffmpeg's path, what
 * the source video holds, the dub settings and the segment table as it stands (so a resumed or re-rendered
 * dub starts from the stored segments, edits included), and after each stage
 * stores the segments the job process reports, checked like any untrusted input.
 */
export function createDubRuntime(deps: { db: Db; tools: () => { ffmpeg: LocatedTool; ffprobe: LocatedTool }; settings: DubSettings; now: () => Date }): TypeRuntime {
  return {
    workFiles: {
      // A re-render reuses the clips (spoken and fitted lines, named by what they depend on), their
      // measures and the phone video (a re-render changes only the sound).
      reuse: ['clips', 'state/dub.json', 'state/qa-clips.json', 'state/mobile-video.mp4'],
      sourceAudio: ['state/original.wav', 'state/asr.wav'],
    },
    async runtime(row, workDir): Promise<DubRuntime> {
      const tools = deps.tools();
      const options = JSON.parse(row.options) as DubOptions;
      const ids = [options.upload_id, ...Object.values(options.imports ?? {})];
      return {
        tools: { ffmpeg: tools.ffmpeg.path },
        // The staged copy (job-runtime.ts): the upload itself is in the blob store, maybe sealed.
        source: await probeSource(tools.ffprobe, join(workDir, 'in', options.upload_id)),
        settings: deps.settings,
        segments: await listSegments(deps.db, row.id),
        render: row.render,
        inputNames: await uploadNames(deps.db, row.user_id, ids),
      };
    },
    async afterStage(row, artifacts: readonly ProducedArtifact[]) {
      // qa.json is served as it is: one that does not fit its schema fails the stage instead.
      const qa = artifacts.find((artifact) => artifact.name === 'qa.json');
      if (qa && (qa.size > MAX_QA_REPORT_BYTES || !isQaReport(JSON.parse(await readFile(qa.path, 'utf8'))))) throw new Error('qa.json from the job process does not fit the QA report schema');
      const document = artifacts.find((artifact) => artifact.name === 'segments.json');
      if (!document) return;
      if (document.size > MAX_SEGMENTS_DOCUMENT_BYTES) throw new Error('segments.json from the job process is too large');
      const segments = segmentsFromDocument(await readFile(document.path, 'utf8'));
      if (!segments) throw new Error('segments.json from the job process does not fit the segments schema');
      await replaceSegments(deps.db, row.id, segments, deps.now().toISOString());
    },
  };
}
