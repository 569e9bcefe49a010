import { randomBytes } from 'node:crypto';
import type { Config } from '../config/load.js';
import { randomToken, secretsEqual, sha256Hex } from '../crypto/tokens.js';
import type { CurrentSealer } from '../storage/keys/sealed-secrets.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { type AuditLog, auditTrail } from '../ops/audit.js';
import { findLiveKey, findVisibleKey, insertApiKey, type LiveKeyRow, listLiveKeys, revokeApiKey, touchApiKey, type VisibleKey } from './api-key-store.js';
import { type CidrSet, parseCidrs } from './cidr.js';
import { accessErrors } from './errors.js';
import type { KeyPrincipal, Principal } from './principal.js';
import { isRole } from './roles.js';
import { parseScope, roleMayHold, ScopeSet } from './scopes.js';

/** `sk_<id>_<secret>`: 64-bit public id (shown in lists), 256-bit secret. */
const KEY_FORMAT = /^sk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
/** last_used is written (and a use audited) at most this often per key: a sample, not every request. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_LIVE_KEYS_PER_USER = 100;
const MAX_CIDRS = 20;
const DAY_MS = 86_400_000;

export interface NewKeyInput {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly expiresInDays?: number | undefined;
  readonly allowedCidrs?: readonly string[] | undefined;
  readonly requireSignature?: boolean | undefined;
}

export interface KeyView {
  readonly id: string;
  readonly prefix: string;
  readonly user_id: string;
  readonly name: string;
  readonly scopes: string[];
  readonly allowed_cidrs: string[] | null;
  readonly require_signature: boolean;
  readonly created_at: string;
  readonly expires_at: string;
  readonly last_used_at: string | null;
  readonly last_used_ip: string | null;
}

interface ClientRef {
  readonly ip: string;
  readonly requestId: string;
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;

function view(row: VisibleKey): KeyView {
  return {
    id: row.id,
    prefix: `sk_${row.id}`,
    user_id: row.user_id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as string[],
    allowed_cidrs: row.allowed_cidrs === null ? null : (JSON.parse(row.allowed_cidrs) as string[]),
    require_signature: row.require_signature === 1,
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
    last_used_ip: row.last_used_ip,
  };
}

/**
 * API keys for scripts and apps. The key is shown once; only its SHA-256 is
 * stored (keys that must sign their requests also keep their secret sealed
 * with the encryption key, since a signature can only be checked with the
 * secret that made it). Every key expires. A key's power is its scopes within
 * its owner's current role, checked on every request; a disabled owner's keys
 * stop at once; a key used from outside its address ranges is refused and the
 * refusal audited. A key may mint keys only with no more than it has.
 */
export function createApiKeyService(deps: { db: Db; audit: AuditLog; sealer: CurrentSealer; limits: Config['apiKeys']; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  const record = auditTrail(deps.audit, 'api_key');

  function validScopes(principal: Principal, names: readonly string[]): ScopeSet {
    for (const name of names) {
      const parsed = parseScope(name);
      if (!parsed) throw new AppError(accessErrors.unknown_scope, `Unknown scope ${JSON.stringify(name.slice(0, 64))}; see GET /api/keys/scopes.`);
      if (!roleMayHold(principal.role, parsed)) throw new AppError(accessErrors.scope_not_allowed, `Your role cannot hold the scope ${name}.`);
    }
    return new ScopeSet([...new Set(names)]);
  }

  function validCidrs(list: readonly string[] | undefined): CidrSet | undefined {
    if (list === undefined) return undefined;
    if (list.length === 0 || list.length > MAX_CIDRS) throw new AppError(accessErrors.invalid_cidr, `Give 1 to ${MAX_CIDRS} address ranges, or none at all.`);
    try {
      return parseCidrs(list);
    } catch (error) {
      throw new AppError(accessErrors.invalid_cidr, `${(error as Error).message}.`);
    }
  }

  /**
   * The rule for a key minting a key: its scopes, life, address ranges and
   * signing duty may only narrow. Returns the child's effective restrictions.
   */
  async function narrowFromParent(parent: KeyPrincipal, scopes: ScopeSet, expiresAt: Date, cidrs: CidrSet | undefined, requireSignature: boolean, client: ClientRef) {
    const parentCidrs = parent.allowedCidrs ? parseCidrs(parent.allowedCidrs) : undefined;
    const problem = !parent.scopes.covers(scopes)
      ? 'broader_scopes'
      : expiresAt.toISOString() > parent.keyExpiresAt
        ? 'outlives_parent'
        : parentCidrs && cidrs && !parentCidrs.covers(cidrs)
          ? 'wider_address_ranges'
          : undefined;
    if (problem) {
      await record('api_key.create', 'denied', parent, client, parent.apiKeyId, { reason: problem });
      throw new AppError(accessErrors.key_escalation);
    }
    return { cidrs: cidrs ?? parentCidrs, requireSignature: requireSignature || parent.requireSignature };
  }

  async function create(principal: Principal, input: NewKeyInput, client: ClientRef): Promise<KeyView & { key: string }> {
    const name = input.name.trim();
    if (name === '') throw new AppError(accessErrors.key_name_invalid);
    const scopes = validScopes(principal, input.scopes);
    const days = input.expiresInDays ?? Math.min(deps.limits.defaultDays, deps.limits.maxDays);
    if (days > deps.limits.maxDays) throw new AppError(accessErrors.key_lifetime_too_long, `Keys live at most ${deps.limits.maxDays} days on this server.`);
    const at = now();
    const expiresAt = new Date(at.getTime() + days * DAY_MS);
    let cidrs = validCidrs(input.allowedCidrs);
    let requireSignature = input.requireSignature ?? false;
    if (principal.via === 'api_key') ({ cidrs, requireSignature } = await narrowFromParent(principal, scopes, expiresAt, cidrs, requireSignature, client));
    if ((await listLiveKeys(deps.db, principal.userId, at.toISOString())).length >= MAX_LIVE_KEYS_PER_USER) throw new AppError(accessErrors.too_many_keys);

    const id = randomBytes(8).toString('hex');
    const secret = randomToken(32);
    const key = `sk_${id}_${secret}`;
    await insertApiKey(deps.db, {
      id,
      user_id: principal.userId,
      name,
      secret_hash: sha256Hex(key),
      scopes: JSON.stringify(scopes.names),
      allowed_cidrs: cidrs ? JSON.stringify(cidrs.ranges) : null,
      require_signature: requireSignature ? 1 : 0,
      signing_secret_sealed: requireSignature ? await deps.sealer.seal(secret, `api-key:${id}`) : null,
      created_by_key_id: principal.via === 'api_key' ? principal.apiKeyId : null,
      created_at: at.toISOString(),
      expires_at: expiresAt.toISOString(),
      revoked_at: null,
      last_used_at: null,
      last_used_ip: null,
    });
    await record('api_key.created', 'success', principal, client, id, {
      scopes: scopes.names,
      expires_at: expiresAt.toISOString(),
      require_signature: requireSignature,
      ...(principal.via === 'api_key' && { by_key: principal.apiKeyId }),
    });
    return { ...view((await findVisibleKey(deps.db, id))!), key };
  }

  /** Own keys; an admin asking for `everyone` sees all. */
  async function list(principal: Principal, everyone = false): Promise<KeyView[]> {
    const rows = await listLiveKeys(deps.db, everyone && principal.role === 'admin' ? undefined : principal.userId, now().toISOString());
    return rows.map(view);
  }

  /** Revokes an own key (admins: anyone's); another user's key answers like a missing one. */
  async function revoke(principal: Principal, id: string, client: ClientRef): Promise<void> {
    const row = /^[0-9a-f]{16}$/.test(id) ? await findVisibleKey(deps.db, id) : undefined;
    if (!row || (row.user_id !== principal.userId && principal.role !== 'admin')) throw new AppError(accessErrors.key_not_found);
    if (!(await revokeApiKey(deps.db, id, now().toISOString()))) throw new AppError(accessErrors.key_not_found);
    await record('api_key.revoked', 'success', principal, client, id, { owner: row.user_id });
  }

  function toPrincipal(row: LiveKeyRow): KeyPrincipal | undefined {
    if (!isRole(row.role)) return undefined;
    return {
      via: 'api_key',
      userId: row.user_id,
      username: row.username,
      role: row.role,
      account: { email: row.email, createdAt: row.user_created_at },
      apiKeyId: row.id,
      scopes: new ScopeSet(JSON.parse(row.scopes) as string[]),
      keyExpiresAt: row.expires_at,
      allowedCidrs: row.allowed_cidrs === null ? null : (JSON.parse(row.allowed_cidrs) as string[]),
      requireSignature: row.require_signature === 1,
    };
  }

  /**
   * The principal behind a presented key, or undefined when the key is
   * unknown, wrong, revoked, expired or its owner disabled. Throws 403 when the
   * key is used from outside its address ranges, 401 when it must sign.
   */
  async function authenticate(presented: string, client: ClientRef): Promise<KeyPrincipal | undefined> {
    const match = KEY_FORMAT.exec(presented);
    if (!match) return undefined;
    const at = now();
    const row = await findLiveKey(deps.db, match[1]!, at.toISOString());
    if (!row || !secretsEqual(sha256Hex(presented), row.secret_hash)) return undefined;
    const principal = toPrincipal(row);
    if (!principal) return undefined;
    await checkAddress(principal, client);
    if (principal.requireSignature) throw new AppError(accessErrors.signature_required);
    await recordUse(principal, row.last_used_at, client);
    return principal;
  }

  /**
   * For a signed request, which names its key by id alone: the key and the
   * secret its signature must be checked with. Only keys created with
   * `require_signature` keep a (sealed) secret to check against.
   */
  async function forSignedRequest(keyId: string, client: ClientRef): Promise<{ principal: KeyPrincipal; secret: string; lastUsedAt: string | null } | undefined> {
    const row = /^[0-9a-f]{16}$/.test(keyId) ? await findLiveKey(deps.db, keyId, now().toISOString()) : undefined;
    const principal = row?.signing_secret_sealed ? toPrincipal(row) : undefined;
    if (!row?.signing_secret_sealed || !principal) return undefined;
    await checkAddress(principal, client);
    return { principal, secret: await deps.sealer.open(row.signing_secret_sealed, `api-key:${row.id}`), lastUsedAt: row.last_used_at };
  }

  /** A live key's principal by its id, with no use recorded (signed URLs a key minted act with its power). */
  async function principalOfKey(keyId: string): Promise<KeyPrincipal | undefined> {
    const row = await findLiveKey(deps.db, keyId, now().toISOString());
    return row && toPrincipal(row);
  }

  /** Whether a key's address ranges admit this client. */
  function addressAllowed(principal: KeyPrincipal, ip: string): boolean {
    return !principal.allowedCidrs || parseCidrs(principal.allowedCidrs).contains(ip);
  }

  async function checkAddress(principal: KeyPrincipal, client: ClientRef): Promise<void> {
    if (!addressAllowed(principal, client.ip)) {
      await record('api_key.address_denied', 'denied', principal, client, principal.apiKeyId);
      throw new AppError(accessErrors.key_address_denied);
    }
  }

  /** The last use (time and address), and an audit line, at most once a minute per key. */
  async function recordUse(principal: KeyPrincipal, lastUsedAt: string | null, client: ClientRef): Promise<void> {
    const at = now();
    if (lastUsedAt && at.getTime() - Date.parse(lastUsedAt) <= TOUCH_INTERVAL_MS) return;
    await touchApiKey(deps.db, principal.apiKeyId, at.toISOString(), client.ip);
    await record('api_key.used', 'success', principal, client, principal.apiKeyId);
  }

  return { create, list, revoke, authenticate, forSignedRequest, recordUse, principalOfKey, addressAllowed };
}
