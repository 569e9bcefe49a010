import { defineErrors } from '../http/app-error.js';

export const accessErrors = defineErrors({
  forbidden: { status: 403, message: 'You do not have permission to do this.' },
  unknown_scope: { status: 400, message: 'Unknown scope; see GET /api/keys/scopes.' },
  scope_not_allowed: { status: 400, message: 'Your role cannot hold one of these scopes.' },
  key_name_invalid: { status: 400, message: 'Give the key a name.' },
  key_lifetime_too_long: { status: 400, message: 'That lifetime is longer than this server allows for keys.' },
  invalid_cidr: { status: 400, message: 'An address range is not valid CIDR notation.' },
  key_escalation: {
    status: 403,
    message: 'A key cannot create a key with more scopes, a longer life or wider address ranges than it has.',
  },
  too_many_keys: { status: 409, message: 'Too many live keys; revoke some first.' },
  key_not_found: { status: 404, message: 'No such key of yours.' },
  key_address_denied: { status: 403, message: 'This key may not be used from this address.' },
  signature_required: { status: 401, message: 'This key must sign its requests (X-Sakuga-Signature); see the request-signing docs.' },
  signature_invalid: { status: 401, message: 'The request signature is missing, wrong, or outside the time window.' },
  request_replayed: { status: 401, message: 'This signed request was already received (nonce reused).' },
  not_signable: { status: 400, message: 'That path is not one signed URLs can open (media and downloads, GET only).' },
  signed_url_invalid: { status: 403, message: 'This link is invalid or has expired; ask for a new one.' },
  legacy_token_refused: { status: 403, message: 'Tokens in the URL are accepted only from this machine or the local network.' },
  session_required: { status: 403, message: 'This needs a signed-in person (with a recent password or code), not an API key.' },
});
