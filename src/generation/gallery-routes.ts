import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import { sendFile } from '../http/send-file.js';
import type { Gallery } from './gallery.js';

const tags = ['gallery'];
const client = (request: FastifyRequest) => ({ ip: request.ip, requestId: request.id });

const ItemParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const ListQuery = Type.Object(
  { cursor: Type.Optional(Type.String({ maxLength: 300 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);
const Item = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('image'), Type.Literal('video')]),
  format: Type.String(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  display_name: Type.Union([Type.String(), Type.Null()], { description: 'The name its owner chose to show; null: none.' }),
  created_at: Type.String(),
  file_url: Type.String(),
  mine: Type.Optional(Type.Object({ visibility: Type.Union([Type.Literal('private'), Type.Literal('public')]), hidden: Type.Boolean(), project_id: Type.String() })),
});
const ModerationQuery = Type.Object(
  { ...ListQuery.properties, state: Type.Optional(Type.Union([Type.Literal('listed'), Type.Literal('hidden')], { description: 'Default listed.' })) },
  { additionalProperties: false },
);
const ModerationItem = Type.Intersect([
  Item,
  Type.Object({ visibility: Type.Union([Type.Literal('private'), Type.Literal('public')]), hidden_at: Type.Union([Type.String(), Type.Null()]), owner: Type.String({ description: 'The owner\'s username.' }) }),
]);
const Share = Type.Object({ id: Type.String(), created_at: Type.String(), expires_at: Type.Union([Type.String(), Type.Null()]), revoked_at: Type.Union([Type.String(), Type.Null()]), active: Type.Boolean() });
const Profile = Type.Object({ display_name: Type.Union([Type.String({ maxLength: 60 }), Type.Null()]) }, { additionalProperties: false });

/** Anonymous readers get at most this many answers a minute from each address (a tunnel or proxy: set TRUST_PROXY). */
const PUBLIC_RATE = { max: 120, timeWindow: '1 minute' };
// Public answers may sit in shared caches briefly; anything that could hold a viewer's own items may not.
const SHARED_CACHE = 'public, max-age=60';
const PRIVATE = 'private, no-store';

function cacheFor(reply: FastifyReply, shared: boolean): void {
  reply.headers({ 'cache-control': shared ? SHARED_CACHE : PRIVATE, vary: 'authorization, cookie' });
}

export function galleryRoutes(gallery: Gallery) {
  return async function galleryRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const open = { permission: 'public', rateLimit: PUBLIC_RATE } as const;
    const owner = { permission: 'projects:manage' } as const;

    app.get(
      '/api/gallery',
      { config: open, schema: { summary: 'The public gallery, newest first; signed in, your own private items too', tags, querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(Item), next_cursor: Type.Optional(Type.String()) }), ...errorResponses(400, 429) } } },
      async (request, reply) => {
        cacheFor(reply, gallery.isAnonymousView(request.principal ?? undefined));
        return gallery.list(request.principal ?? undefined, request.query);
      },
    );
    app.get(
      '/api/gallery/items/:id',
      { config: open, schema: { summary: 'One gallery item', tags, params: ItemParams, response: { 200: Item, ...errorResponses(404, 429) } } },
      async (request, reply) => {
        const item = await gallery.item(request.principal ?? undefined, request.params.id);
        cacheFor(reply, gallery.isAnonymousView(request.principal ?? undefined));
        return item;
      },
    );
    app.get(
      '/api/gallery/items/:id/file',
      { config: open, schema: { summary: 'A gallery item\'s file (Range requests supported)', tags, params: ItemParams, response: { 200: Type.Unknown(), 206: Type.Unknown(), ...errorResponses(404, 416, 429) } } },
      async (request, reply) => {
        const { file, listed } = await gallery.file(request.principal ?? undefined, request.params.id);
        cacheFor(reply, listed);
        return sendFile(file, `sakuga-${request.params.id}.${file.extension}`, request, reply);
      },
    );
    app.get(
      '/api/shares/:token',
      { config: open, schema: { summary: 'The item an unlisted share link opens', tags, params: TokenParams, response: { 200: Item, ...errorResponses(404, 429) } } },
      async (request, reply) => {
        cacheFor(reply, false);
        return gallery.shared(request.params.token);
      },
    );
    app.get(
      '/api/shares/:token/file',
      { config: open, schema: { summary: 'The file an unlisted share link opens (Range requests supported)', tags, params: TokenParams, response: { 200: Type.Unknown(), 206: Type.Unknown(), ...errorResponses(404, 416, 429) } } },
      async (request, reply) => {
        const file = await gallery.sharedFile(request.params.token);
        cacheFor(reply, false);
        // The link itself must not travel on in a Referer from the page that plays it.
        return sendFile(file, `sakuga-shared.${file.extension}`, request, reply, { 'referrer-policy': 'no-referrer' });
      },
    );

    app.put(
      '/api/gallery/items/:id/visibility',
      { config: { permission: 'projects:manage' }, schema: { summary: 'Publish an output of yours, or make it private again', tags, params: ItemParams, body: Type.Object({ visibility: Type.Union([Type.Literal('private'), Type.Literal('public')]) }, { additionalProperties: false }), response: { 200: Item, ...errorResponses(400, 401, 403, 404) } } },
      async (request) => gallery.setVisibility(request.principal!, request.params.id, request.body.visibility, client(request)),
    );
    app.post(
      '/api/gallery/items/:id/shares',
      { config: owner, schema: { summary: 'A new unlisted share link (its token is shown once)', tags, params: ItemParams, body: Type.Object({ expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'Default 30.' })) }, { additionalProperties: false }), response: { 201: Type.Intersect([Share, Type.Object({ token: Type.String(), path: Type.String({ description: 'The web app\'s page for the link, /s/<token>.' }) })]), ...errorResponses(400, 401, 403, 404) } } },
      async (request, reply) => reply.code(201).send(await gallery.share(request.principal!, request.params.id, request.body, client(request))),
    );
    app.get(
      '/api/gallery/items/:id/shares',
      { config: owner, schema: { summary: 'An output\'s share links (never their tokens)', tags, params: ItemParams, response: { 200: Type.Object({ shares: Type.Array(Share) }), ...errorResponses(401, 403, 404) } } },
      async (request) => gallery.shares(request.principal!, request.params.id),
    );
    app.delete(
      '/api/gallery/shares/:id',
      { config: owner, schema: { summary: 'Revoke a share link', tags, params: ItemParams, response: { 204: Type.Null({ description: 'Revoked' }), ...errorResponses(401, 403, 404) } } },
      async (request, reply) => {
        await gallery.revoke(request.principal!, request.params.id, client(request));
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/gallery/items/:id/hide',
      { config: { permission: 'gallery:moderate' }, schema: { summary: 'Admins: hide an item from everyone but its owner (its share links stop working)', tags, params: ItemParams, body: Type.Object({ hidden: Type.Boolean() }, { additionalProperties: false }), response: { 204: Type.Null({ description: 'Done' }), ...errorResponses(400, 401, 403, 404) } } },
      async (request, reply) => {
        await gallery.setHidden(request.principal!, request.params.id, request.body.hidden, client(request));
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/api/admin/gallery',
      {
        config: { permission: 'gallery:moderate' },
        schema: {
          summary: 'Admins: what the public gallery lists now, or what was hidden, newest first, with whose each item is',
          tags,
          querystring: ModerationQuery,
          response: { 200: Type.Object({ items: Type.Array(ModerationItem), next_cursor: Type.Optional(Type.String()) }), ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        cacheFor(reply, false);
        return gallery.moderation({ ...request.query, state: request.query.state ?? 'listed' });
      },
    );
    app.get(
      '/api/gallery/profile',
      { config: owner, schema: { summary: 'The name shown on what you publish', tags, response: { 200: Profile, ...errorResponses(401, 403) } } },
      async (request) => gallery.profile(request.principal!),
    );
    app.put(
      '/api/gallery/profile',
      { config: owner, schema: { summary: 'Choose the name shown on what you publish (null: none)', tags, body: Profile, response: { 200: Profile, ...errorResponses(400, 401, 403) } } },
      async (request) => gallery.setProfile(request.principal!, request.body.display_name, client(request)),
    );
  };
}
