import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import { AppError } from './app-error.js';
import { downloadHeaders } from './download-headers.js';
import { httpErrors } from './errors.js';

/** A stored file to serve: its size and type, and its bytes whole or by range. */
export interface ServedFile {
  readonly size: number;
  readonly mediaType: string;
  open(range?: { start: number; end: number }): Promise<Readable>;
}

const playsInline = (mediaType: string) => ['video/', 'audio/', 'image/'].some((prefix) => mediaType.startsWith(prefix)) || mediaType === 'application/vnd.apple.mpegurl';

/**
 * Sends a stored file whole, or the one byte range asked for (players seek
 * with Range, HLS reads byte-range segments): 206 with Content-Range, 416
 * for a range outside the file. Several ranges at once would need
 * multipart/byteranges, which no player asks for: they are refused (416)
 * rather than answered with the whole file a client did not expect.
 */
export async function sendFile(file: ServedFile, name: string, request: FastifyRequest, reply: FastifyReply, extraHeaders: Record<string, string> = {}) {
  reply.headers({ ...downloadHeaders(name, { inline: playsInline(file.mediaType) }), 'accept-ranges': 'bytes', 'content-type': file.mediaType, ...extraHeaders });
  const header = request.headers.range;
  const ranges = header ? parseRange(file.size, header) : undefined;
  if (ranges === -1) {
    reply.header('content-range', `bytes */${file.size}`);
    throw new AppError(httpErrors.range_not_satisfiable);
  }
  // -2: not a bytes range we can read; RFC 9110 §14.2 says ignore it and send the whole file.
  if (ranges === undefined || ranges === -2) {
    reply.header('content-length', file.size);
    return reply.send(await file.open());
  }
  if (ranges.length !== 1) {
    reply.header('content-range', `bytes */${file.size}`);
    throw new AppError(httpErrors.multiple_ranges_unsupported);
  }
  const { start, end } = ranges[0]!;
  reply.code(206).headers({ 'content-range': `bytes ${start}-${end}/${file.size}`, 'content-length': end - start + 1 });
  return reply.send(await file.open({ start, end }));
}
