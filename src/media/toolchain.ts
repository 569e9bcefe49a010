import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import { findOnPath, isExecutableFile } from './executables.js';

export type MediaTool = 'ffmpeg' | 'ffprobe';

export interface LocatedTool {
  readonly tool: MediaTool;
  readonly path: string;
  /** Where it was found: the operator's setting, PATH, or the static build shipped as an npm dependency. */
  readonly source: 'config' | 'path' | 'bundled';
}

/** The npm packages whose platform builds carry the binaries inside the registry tarball. */
const BUNDLED: Record<MediaTool, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

function bundled(tool: MediaTool): string | undefined {
  try {
    const { path } = createRequire(import.meta.url)(BUNDLED[tool]) as { path: string };
    return isExecutableFile(path) ? path : undefined;
  } catch {
    // No build for this platform (the package lists them as optional dependencies).
    return undefined;
  }
}

/**
 * Finds ffmpeg or ffprobe: the configured path (FFMPEG_PATH / FFPROBE_PATH),
 * else PATH, else the static build installed by `npm ci`, so a fresh machine
 * needs nothing beyond the README's commands. A configured path that is not an
 * executable file is an error rather than a silent fallback: the operator
 * asked for that binary.
 */
export function locateTool(tool: MediaTool, configured: string | undefined, pathVariable = process.env.PATH): LocatedTool {
  if (configured !== undefined) {
    if (!isAbsolute(configured) || !isExecutableFile(configured)) {
      throw new Error(`${tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'} is not an executable file given by an absolute path`);
    }
    return { tool, path: configured, source: 'config' };
  }
  const found = findOnPath(tool, pathVariable);
  if (found) return { tool, path: found, source: 'path' };
  const shipped = bundled(tool);
  if (shipped) return { tool, path: shipped, source: 'bundled' };
  throw new Error(`${tool} was found neither on PATH nor among the installed packages; set ${tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'}`);
}
