import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { SignedUrlService } from '../../access/signed-url-service.js';
import { downloadHeaders } from '../../http/download-headers.js';
import { createRouteMatcher } from '../../http/route-table.js';
import { errorResponses } from '../../http/schemas.js';
import { sendFile } from '../../http/send-file.js';
import { mediaTypeOf } from '../../jobs/artifacts.js';
import { JobParams } from '../../jobs/schemas.js';
import { HlsParams, PlaybackReply } from './schemas.js';
import { hlsPath, type Playback } from './service.js';

const tags = ['playback'];

/**
 * Playback of a dub: the HLS package, the list of sources with signed URLs
 * for players and apps, and the job page's QR code.
 */
export function playbackRoutes(deps: { playback: Playback; signedUrls: SignedUrlService; publicUrl: string | undefined }) {
  return async function playbackRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const matchRoute = createRouteMatcher(scope);
    const originOf = (request: FastifyRequest) => deps.publicUrl ?? `${request.protocol}://${request.host}`;

    app.get(
      '/api/jobs/:id/hls/:name',
      {
        config: { permission: 'jobs:read', signedUrl: true },
        schema: {
          summary: 'One file of the dub\'s HLS package (Range on media); opened by a signed URL, a playlist names its files by signed URLs that expire with it',
          tags,
          params: HlsParams,
          response: { 200: Type.Unknown(), 206: Type.Unknown(), ...errorResponses(400, 401, 403, 404, 416) },
        },
      },
      async (request, reply) => {
        const principal = request.principal!;
        const { id, name } = request.params;
        if (!name.endsWith('.m3u8')) return sendFile(await deps.playback.hlsFile(principal, id, name), name, request, reply);
        // A player opened by a signed URL sends no cookie: each file the playlist names gets a URL like the one it came with.
        const resolve = principal.via === 'signed_url'
          ? (child: string) => {
              const path = hlsPath(id, child);
              return deps.signedUrls.signAlike(principal, path, matchRoute('GET', path));
            }
          : undefined;
        const text = await deps.playback.playlist(principal, id, name, resolve);
        return reply.headers({ ...downloadHeaders(name, { inline: true }), 'content-type': mediaTypeOf(name), 'cache-control': 'no-store' }).send(text);
      },
    );

    app.get(
      '/api/jobs/:id/playback',
      {
        config: { permission: 'jobs:read' },
        schema: { summary: 'What to play, best first for this browser, with signed URLs for players and links for VLC', tags, params: JobParams, response: { 200: PlaybackReply, ...errorResponses(401, 403, 404, 409) } },
      },
      async (request) => {
        const principal = request.principal!;
        return deps.playback.sources(principal, request.params.id, {
          userAgent: request.headers['user-agent'],
          origin: originOf(request),
          mint: (path, seconds) => deps.signedUrls.mint(principal, path, matchRoute('GET', path), seconds),
        });
      },
    );

    app.get(
      '/api/jobs/:id/qrcode',
      {
        config: { permission: 'jobs:read' },
        schema: { summary: 'An SVG QR code of the job\'s page (its address only, no credential)', tags, params: JobParams, response: { 200: Type.String({ description: 'image/svg+xml' }), ...errorResponses(401, 403, 404) } },
      },
      async (request, reply) => {
        const svg = await deps.playback.qrCode(request.principal!, request.params.id, originOf(request));
        return reply.headers({ 'content-type': 'image/svg+xml', 'cache-control': 'private, max-age=300', 'x-content-type-options': 'nosniff' }).send(svg);
      },
    );
  };
}
