import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A software WebAuthn authenticator for the tests: a real P-256 key pair, real
 * ES256 signatures over real authenticator data, attestation "none". Written
 * from the WebAuthn Level 2 spec with node:crypto and a minimal CBOR encoder,
 * so the server's library is checked against an independent implementation.
 */
export function softwareAuthenticator(options: { origin: string; rpId: string }) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const credentialId = randomBytes(16);
  let signCount = 0;
  const rpIdHash = createHash('sha256').update(options.rpId).digest();
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

  function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  function flags({ userVerified, attested }: { userVerified: boolean; attested: boolean }): number {
    return 0x01 | (userVerified ? 0x04 : 0) | (attested ? 0x40 : 0); // UP, UV, AT
  }

  return {
    credentialId: b64(credentialId),

    /** A navigator.credentials.create() result, as JSON the server receives. */
    register(challenge: string, overrides: { origin?: string; userVerified?: boolean } = {}) {
      const cose = coseKey(publicKey);
      const credentialData = Buffer.concat([Buffer.alloc(16), uint16(credentialId.length), credentialId, cose]);
      const authData = Buffer.concat([rpIdHash, Buffer.from([flags({ userVerified: overrides.userVerified ?? true, attested: true })]), uint32(signCount), credentialData]);
      const attestationObject = cbor(new Map<unknown, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
      return {
        id: b64(credentialId),
        rawId: b64(credentialId),
        type: 'public-key',
        response: {
          clientDataJSON: b64(clientData('webauthn.create', challenge, overrides.origin ?? options.origin)),
          attestationObject: b64(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },

    /** A navigator.credentials.get() result; `counter` overrides the signature counter (clone tests). */
    authenticate(challenge: string, userHandle: string, overrides: { origin?: string; counter?: number; userVerified?: boolean } = {}) {
      signCount = overrides.counter ?? signCount + 1;
      const authData = Buffer.concat([rpIdHash, Buffer.from([flags({ userVerified: overrides.userVerified ?? true, attested: false })]), uint32(signCount)]);
      const data = clientData('webauthn.get', challenge, overrides.origin ?? options.origin);
      const signature = sign('sha256', Buffer.concat([authData, createHash('sha256').update(data).digest()]), privateKey as KeyObject);
      return {
        id: b64(credentialId),
        rawId: b64(credentialId),
        type: 'public-key',
        response: { clientDataJSON: b64(data), authenticatorData: b64(authData), signature: b64(signature), userHandle },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
  };
}

function coseKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  return cbor(
    new Map<number, unknown>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
}

const uint16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
function uint32(n: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(n);
  return buffer;
}

/** Just enough CBOR (RFC 8949) for attestation objects and COSE keys. */
function cbor(value: unknown): Buffer {
  const head = (major: number, length: number): Buffer => {
    if (length < 24) return Buffer.from([(major << 5) | length]);
    if (length < 256) return Buffer.from([(major << 5) | 24, length]);
    return Buffer.concat([Buffer.from([(major << 5) | 25]), uint16(length)]);
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (value instanceof Map) {
    return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  }
  throw new Error(`cannot encode ${typeof value}`);
}
