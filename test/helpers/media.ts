import { join } from 'node:path';
import { runTool } from '../../src/media/run-tool.js';
import { locateTool } from '../../src/media/toolchain.js';

const LIMITS = { timeoutMs: 60_000, maxOutputBytes: 4 * 1024 * 1024, memoryBytes: 2048 * 1024 * 1024 };

/**
 * A short test video (colour bars and a tone), made on the fly with the same ffmpeg Sakuga uses.
 * `noisy` adds per-frame noise at high quality: a file of some megabytes in seconds, for upload tests.
 */
export async function makeVideo(dir: string, name: string, options: { seconds?: number; width?: number; height?: number; noisy?: boolean } = {}): Promise<string> {
  const { seconds = 2, width = 320, height = 240, noisy = false } = options;
  const path = join(dir, name);
  await runTool(
    locateTool('ffmpeg', undefined),
    [
      '-hide_banner', '-v', 'error',
      '-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=25:duration=${seconds}${noisy ? ',noise=alls=60:allf=t' : ''}`,
      '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`,
      '-c:v', 'mpeg4', ...(noisy ? ['-q:v', '3'] : []), '-c:a', 'aac', '-shortest', '-y', path,
    ],
    LIMITS,
  );
  return path;
}
