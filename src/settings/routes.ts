import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas.js';
import { VoiceName } from '../pipeline/imports/segments-document.js';
import { Language } from '../pipeline/dub-options.js';
import { PrivacyModeSchema } from '../jobs/schemas.js';
import type { SettingsService } from './service.js';

const orNull = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

const SettingsBody = Type.Object(
  {
    target_language: orNull(Language, 'The language new dubs go into; null: choose each time.'),
    voice: orNull(VoiceName, 'The voice new dubs use; null: the server default.'),
    privacy_mode: orNull(PrivacyModeSchema, "Your privacy mode for new jobs; null: the server's default."),
  },
  { additionalProperties: false },
);

const SettingsReply = Type.Intersect([
  SettingsBody,
  Type.Object({
    privacy: Type.Object({ default: PrivacyModeSchema, allowed: Type.Array(PrivacyModeSchema, { description: 'The modes this server lets you choose, least private first.' }) }),
  }),
]);

/** A person's defaults for new jobs. */
export function settingsRoutes(settings: SettingsService) {
  return async function settingsRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { permission: 'session:self' as const };
    const tags = ['settings'];
    app.get('/api/settings', { config, schema: { summary: 'Your defaults: target language, voice, privacy mode (with the modes you may choose)', tags, response: { 200: SettingsReply, ...errorResponses(401, 403) } } }, async (request) =>
      settings.get(request.principal!),
    );
    app.put('/api/settings', { config, schema: { summary: 'Save your defaults (all three at once; null keeps the server default)', tags, body: SettingsBody, response: { 200: SettingsReply, ...errorResponses(400, 401, 403, 422) } } }, async (request) =>
      settings.put(request.principal!, request.body),
    );
  };
}
