import { Type } from 'typebox';
import type { Role } from '../access/roles.js';

export const RoleSchema = Type.Union([Type.Literal('viewer'), Type.Literal('operator'), Type.Literal('editor'), Type.Literal('admin')]);
// Fails to compile if ROLES and this schema drift apart.
const _sameRoles: [Role, Exclude<Role, Type.Static<typeof RoleSchema>>] = ['viewer', undefined as never];
void _sameRoles;

export const PublicUserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: RoleSchema,
  email: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
});

export const UserList = Type.Object({ users: Type.Array(PublicUserSchema) });
export const UserReply = Type.Object({ user: PublicUserSchema });

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 4096 }),
    role: RoleSchema,
    email: Type.Optional(Type.String({ minLength: 3, maxLength: 320 })),
  },
  { additionalProperties: false },
);

/** Only these fields can change; anything else is a 400 (no mass assignment). */
export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
    unlock_login: Type.Optional(Type.Literal(true, { description: 'Clear sign-in throttling, including a hard lock.' })),
    email: Type.Optional(Type.Union([Type.String({ minLength: 3, maxLength: 320 }), Type.Null()], { description: 'For magic links; null removes it.' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 4096, description: 'Reset the password; ends all their sessions. Needs sudo mode.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UserIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
