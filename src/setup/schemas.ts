import { Type } from 'typebox';

export const SetupBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 256, description: 'The token from setup-token in the data directory.' }),
    username: Type.String({ minLength: 1, maxLength: 64 }),
    // Long enough for any passphrase; the policy's own cap is checked by the service.
    password: Type.String({ minLength: 1, maxLength: 4096 }),
  },
  { additionalProperties: false },
);

export const SetupUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
});

export const SetupCreated = Type.Object({ user: SetupUser });
export const SetupStatus = Type.Object({ required: Type.Boolean({ description: 'True while no account exists.' }) });
