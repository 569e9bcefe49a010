import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { roleCan } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { errorResponses } from '../http/schemas.js';
import type { EngineStatus, EngineStatusService } from './status.js';

const Voice = Type.Object({ id: Type.String(), name: Type.Optional(Type.String()) });
const Language = Type.Object({ code: Type.String(), name: Type.Optional(Type.String()) });

/** Only the fields listed here can leave: the serializer drops anything else (a key could never slip through). */
const EngineStatusSchema = Type.Object({
  engine: Type.Union([Type.String(), Type.Null()], { description: 'The configured engine, or null when this kind has none.' }),
  answers: Type.Boolean({ description: 'Whether the engine answered a health probe in the last few seconds.' }),
  models: Type.Array(Type.String()),
  voices: Type.Optional(Type.Array(Voice)),
  default_voice: Type.Optional(Type.String()),
  languages: Type.Optional(Type.Array(Language)),
  url: Type.Optional(Type.String({ description: 'Admins only.' })),
  api_key_set: Type.Optional(Type.Boolean({ description: 'Admins only: whether a key is configured (the key itself is never shown).' })),
  detail: Type.Optional(Type.String({ description: 'Admins only: why the engine does not answer, or what it said.' })),
});

const EnginesReply = Type.Object({ asr: EngineStatusSchema, translate: EngineStatusSchema, tts: EngineStatusSchema, generate: EngineStatusSchema });

/** Admins see where engines are; a key acting for an admin needs admin:* to see it too. */
function seesSettings(principal: Principal): boolean {
  const scopes = principal.via === 'api_key' || principal.via === 'signed_url' ? principal.scopes : null;
  return roleCan(principal.role, 'settings:manage') && (scopes === null || scopes.grants('settings:manage'));
}

function shape(status: EngineStatus, admin: boolean) {
  return {
    engine: status.engine,
    answers: status.answers,
    models: [...status.models],
    ...(status.voices && { voices: [...status.voices] }),
    ...(status.defaultVoice && { default_voice: status.defaultVoice }),
    ...(status.languages && { languages: [...status.languages] }),
    ...(admin && status.url !== undefined && { url: status.url }),
    ...(admin && status.apiKeySet !== undefined && { api_key_set: status.apiKeySet }),
    ...(admin && status.detail !== undefined && { detail: status.detail }),
  };
}

/** `GET /api/engines`: per kind (asr, translate, tts, generate), the engine, whether it answers, its models and voices. */
export function engineRoutes(status: EngineStatusService) {
  return async function engineRoutesPlugin(scope: FastifyInstance): Promise<void> {
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/engines',
      {
        config: { permission: 'jobs:read' },
        schema: {
          summary: 'The engines (dubbing and generation): which, whether they answer, their models and voices (admins also see URLs and whether a key is set)',
          tags: ['engines'],
          response: { 200: EnginesReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const report = await status.report();
        const admin = seesSettings(request.principal!);
        return { asr: shape(report.asr, admin), translate: shape(report.translate, admin), tts: shape(report.tts, admin), generate: shape(report.generate, admin) };
      },
    );
  };
}
