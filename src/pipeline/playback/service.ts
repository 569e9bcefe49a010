import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import QRCode from 'qrcode';
import type { Principal } from '../../access/principal.js';
import { SIGNED_URL_MAX_SECONDS } from '../../access/signed-url-service.js';
import type { Db } from '../../db/types.js';
import { AppError } from '../../http/app-error.js';
import { jobErrors } from '../../jobs/errors.js';
import type { JobOutputs } from '../../jobs/output-service.js';
import type { JobService } from '../../jobs/service.js';
import { type JobRow, listArtifacts } from '../../jobs/store.js';
import { findOwnUpload } from '../../uploads/store.js';
import { videoFacts } from '../dub-submission.js';
import type { SegmentReview } from '../review/service.js';
import { playbackErrors } from './errors.js';
import { androidIntentUrl, vlcUrl } from './player-links.js';
import { HLS_FILE, rewritePlaylist } from './playlist-rewrite.js';
import { isIosSafari } from './user-agent.js';

/** A signed path as `SignedUrlService.mint` returns it. */
export interface SignedPath {
  readonly path: string;
  readonly expires_at: string;
}

export interface PlaybackRequest {
  readonly userAgent: string | undefined;
  /** `PUBLIC_URL`, else the origin the request came to: every URL in the reply starts with it. */
  readonly origin: string;
  /** Signs a path of this server for the caller, for `seconds`. */
  readonly mint: (path: string, seconds: number) => SignedPath;
}

type SourceKind = 'hls' | 'mp4' | 'master';

const HLS_TYPE = 'application/vnd.apple.mpegurl';
const SUBTITLES = /^subtitles\.([A-Za-z0-9-]{2,35})\.vtt$/;
/** A film's playlists are tens of KiB (one entry per ~6 s); anything far larger is not one. */
const MAX_PLAYLIST_BYTES = 4 * 1024 * 1024;
const MIN_LINK_SECONDS = 3600;
const UNKNOWN_LENGTH_LINK_SECONDS = 4 * 3600;

export const hlsPath = (jobId: string, name: string) => `/api/jobs/${encodeURIComponent(jobId)}/hls/${encodeURIComponent(name)}`;
const artifactPath = (jobId: string, name: string) => `/api/jobs/${encodeURIComponent(jobId)}/artifacts/${encodeURIComponent(name)}`;
/** The web app's page of a job; it carries no credential, so it is what gets shared and put in a QR code. */
export const jobPageUrl = (origin: string, jobId: string) => `${origin}/jobs/${encodeURIComponent(jobId)}`;

/**
 * Names what a reply plays: the files' names and contents. Two replies with
 * the same revision play the same bytes, so a page that is playing one need
 * not reload its video for the other (whose signed URLs are new).
 */
function revisionOf(files: ReadonlyArray<{ readonly name: string; readonly sha256: string }>): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) hash.update(`${file.name}\0${file.sha256}\n`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * A dub's playback: the files a player opens (HLS package, phone MP4, the
 * full dubbed.mp4, subtitles), each behind a signed URL that lives long
 * enough to watch the film; the HLS package itself, playlists rewritten so
 * a player holding one signed URL can fetch every file it names; and the
 * job page's QR code.
 */
export function createPlayback(deps: { db: Db; jobs: JobService; review: SegmentReview; outputs: JobOutputs }) {
  const { db } = deps;

  /** One file of the job's HLS package, as the artifact route would serve it. */
  async function hlsFile(principal: Principal, jobId: string, name: string) {
    // The route's schema already holds names to this; checked again so no other artifact is ever served here.
    if (!HLS_FILE.test(name)) throw new AppError(jobErrors.artifact_not_found);
    return deps.outputs.artifactFile(principal, jobId, name);
  }

  /**
   * A playlist of the package as text, each URI checked to be a file of the
   * same package and, when `resolve` is given, replaced by what it returns.
   */
  async function playlist(principal: Principal, jobId: string, name: string, resolve?: (child: string) => string): Promise<string> {
    const file = await hlsFile(principal, jobId, name);
    if (!name.endsWith('.m3u8')) throw new AppError(jobErrors.artifact_not_found);
    if (file.size > MAX_PLAYLIST_BYTES) throw new AppError(playbackErrors.playlist_invalid);
    const text = (await buffer(await file.open())).toString('utf8');
    const names = new Set((await listArtifacts(db, jobId)).map((row) => row.name).filter((artifact) => HLS_FILE.test(artifact)));
    return rewritePlaylist(text, names, resolve);
  }

  /** Twice the video's length (from what upload validation found), so a film can be paused and finished. */
  async function linkSeconds(job: JobRow): Promise<number> {
    const { upload_id } = JSON.parse(job.options) as { upload_id?: string };
    const upload = upload_id ? await findOwnUpload(db, job.user_id, upload_id) : undefined;
    const { durationMs } = videoFacts(upload?.media ? (JSON.parse(upload.media) as unknown) : undefined);
    if (durationMs <= 0) return UNKNOWN_LENGTH_LINK_SECONDS;
    return Math.min(SIGNED_URL_MAX_SECONDS, Math.max(MIN_LINK_SECONDS, Math.ceil((2 * durationMs) / 1000)));
  }

  /** What there is to play, best first for the caller's browser, with signed URLs and links for player apps. */
  async function sources(principal: Principal, jobId: string, request: PlaybackRequest) {
    const job = await deps.review.dubOf(principal, jobId, 'read');
    const artifacts = await listArtifacts(db, job.id);
    const names = new Set(artifacts.map((row) => row.name));
    const hasHls = names.has('hls.m3u8');
    // The package stage leaves out mobile.mp4 only when dubbed.mp4 already plays on phones.
    const mp4 = names.has('mobile.mp4') ? 'mobile.mp4' : hasHls && names.has('dubbed.mp4') ? 'dubbed.mp4' : undefined;
    const found: Array<{ kind: SourceKind; name: string; type: string; path: string }> = [];
    const hls = hasHls ? { kind: 'hls' as const, name: 'hls.m3u8', type: HLS_TYPE, path: hlsPath(job.id, 'hls.m3u8') } : undefined;
    const phone = mp4 ? { kind: 'mp4' as const, name: mp4, type: 'video/mp4', path: artifactPath(job.id, mp4) } : undefined;
    const master = names.has('dubbed.mp4') && mp4 !== 'dubbed.mp4' ? { kind: 'master' as const, name: 'dubbed.mp4', type: 'video/mp4', path: artifactPath(job.id, 'dubbed.mp4') } : undefined;
    for (const source of isIosSafari(request.userAgent) ? [hls, phone, master] : [phone, hls, master]) if (source) found.push(source);
    if (found.length === 0) throw new AppError(playbackErrors.nothing_to_play);

    const seconds = await linkSeconds(job);
    const expiries: string[] = [];
    const signed = (path: string) => {
      const link = request.mint(path, seconds);
      expiries.push(link.expires_at);
      return `${request.origin}${link.path}`;
    };
    const sourceList = found.map(({ path, ...source }) => ({ ...source, url: signed(path) }));
    const subtitles = [...names].sort().flatMap((name) => {
      const language = SUBTITLES.exec(name)?.[1];
      return language ? [{ language, name, url: signed(artifactPath(job.id, name)) }] : [];
    });
    const first = sourceList[0]!.url;
    const played = new Set([...found.map((source) => source.name), ...subtitles.map((track) => track.name)]);
    return {
      job_id: job.id,
      revision: revisionOf(artifacts.filter((row) => played.has(row.name) || (hasHls && HLS_FILE.test(row.name)))),
      expires_at: expiries.sort()[0]!,
      sources: sourceList,
      subtitles,
      vlc_url: vlcUrl(first),
      android_intent_url: androidIntentUrl(first),
      page_url: jobPageUrl(request.origin, job.id),
    };
  }

  /** An SVG QR code of the job's page: an address only, never a credential (the phone signs in as usual). */
  async function qrCode(principal: Principal, jobId: string, origin: string): Promise<string> {
    const job = await deps.jobs.reach(principal, jobId, 'read');
    return QRCode.toString(jobPageUrl(origin, job.id), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }

  return { hlsFile, playlist, sources, qrCode };
}

export type Playback = ReturnType<typeof createPlayback>;
