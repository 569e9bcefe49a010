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
export function createDubRuntime(deps: { db: Db; uploadDirectory: string; tools: () => { ffmpeg: LocatedTool; ffprobe: LocatedTool }; settings: DubSettings; now: () => Date }): TypeRuntime {
  return {
    // A re-render reuses the clips (spoken and fitted lines, named by what they depend on).
    keepAfterSuccess: ['clips', 'state/dub.json'],
    async runtime(row): Promise<DubRuntime> {
      const tools = deps.tools();
      const options = JSON.parse(row.options) as DubOptions;
      const ids = [options.upload_id, ...Object.values(options.imports ?? {})];
      return {
        tools: { ffmpeg: tools.ffmpeg.path },
        source: await probeSource(tools.ffprobe, join(deps.uploadDirectory, options.upload_id)),
        settings: deps.settings,
        segments: await listSegments(deps.db, row.id),
        render: row.render,
        inputNames: await uploadNames(deps.db, row.user_id, ids),
      };
    },
    async afterStage(row, artifacts: readonly ProducedArtifact[]) {
      const document = artifacts.find((artifact) => artifact.name === 'segments.json');
      if (!document) return;
      if (document.size > MAX_SEGMENTS_DOCUMENT_BYTES) throw new Error('segments.json from the job process is too large');
      const segments = segmentsFromDocument(await readFile(document.path, 'utf8'));
      if (!segments) throw new Error('segments.json from the job process does not fit the segments schema');
      await replaceSegments(deps.db, row.id, segments, deps.now().toISOString());
    },
  };
}
