import { Type } from 'typebox';
import { PublicUserSchema } from '../users/schemas.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 256 }),
    password: Type.String({ minLength: 1, maxLength: 4096 }),
    totp_code: Type.Optional(Type.String({ maxLength: 16 })),
    recovery_code: Type.Optional(Type.String({ maxLength: 64 })),
    mode: Type.Optional(Type.Union([Type.Literal('token'), Type.Literal('cookie')], { default: 'token' })),
    device_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

/** What a sign-in path that already has its first factor takes to finish: the session mode and, for 2FA accounts, a code. */
export const FinishSignInFields = {
  mode: Type.Optional(Type.Union([Type.Literal('token'), Type.Literal('cookie')])),
  device_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  totp_code: Type.Optional(Type.String({ maxLength: 16 })),
  recovery_code: Type.Optional(Type.String({ maxLength: 64 })),
};

const TokenFields = {
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds until the access token expires.' }),
  session_id: Type.String(),
};

export const TokenPairReply = Type.Object(TokenFields);
export const TokenLoginReply = Type.Object({ ...TokenFields, user: PublicUserSchema });
export const CookieLoginReply = Type.Object({
  user: PublicUserSchema,
  csrf_token: Type.String({ description: 'Send as X-CSRF-Token on every state-changing request.' }),
});
export const LoginReply = Type.Union([TokenLoginReply, CookieLoginReply]);

export const RefreshBody = Type.Object({ refresh_token: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });

export const MeReply = Type.Object({
  user: PublicUserSchema,
  session: Type.Object({
    id: Type.String(),
    mode: Type.Union([Type.Literal('token'), Type.Literal('cookie')]),
    created_at: Type.String({ format: 'date-time' }),
    expires_at: Type.String({ format: 'date-time', description: 'When the session ends unless used again.' }),
  }),
  csrf_token: Type.Optional(
    Type.String({ description: 'Cookie sessions only: send as X-CSRF-Token on every state-changing request (what a reloaded page needs).' }),
  ),
});

export const MethodsReply = Type.Object({
  password: Type.Boolean(),
  passkeys: Type.Boolean(),
  magic_link: Type.Boolean({ description: 'Off unless SMTP_URL and PUBLIC_URL are set.' }),
  oidc: Type.Union([Type.Object({ name: Type.String(), start_url: Type.String() }), Type.Null()], { description: 'Single sign-on, when configured.' }),
});
