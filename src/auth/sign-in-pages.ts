import type { FastifyInstance } from 'fastify';

/**
 * Where a mailed link and a single sign-on land to finish signing in. The
 * magic-link token sits in the URL fragment (never sent to a server, never in a
 * Referer); single sign-on needs none, its flow cookie carries the attempt. The
 * script posts, removes the fragment from the address bar, and asks accounts
 * with 2FA for a code on the same page: every sign-in path ends at that step.
 */
const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sakuga · sign in</title>
<link rel="stylesheet" href="/setup/setup.css">
<script type="module" src="/auth/finish-sign-in.js"></script>
</head>
<body>
<main>
<h1>Signing you in…</h1>
<form id="code" hidden>
<label>Code from your authenticator app (or a recovery code) <input name="code" autocomplete="one-time-code" required></label>
<button type="submit">Continue</button>
</form>
<p id="status" role="status"></p>
</main>
</body>
</html>
`;

const SCRIPT = `const status = document.getElementById('status');
const form = document.getElementById('code');
const singleSignOn = location.pathname === '/auth/oidc';
const token = new URLSearchParams(location.hash.slice(1)).get('token');
history.replaceState(null, '', location.pathname);
const endpoint = singleSignOn ? '/api/auth/oidc/complete' : '/api/auth/magic-link/verify';
async function finish(extra) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(singleSignOn ? {} : { token }), mode: 'cookie', ...extra }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    status.textContent = 'Signed in as ' + body.user.username + '.';
    location.replace('/');
  } else if (body.error && body.error.code === 'totp_required') {
    form.hidden = false;
    status.textContent = 'Enter a code to finish signing in.';
  } else {
    status.textContent = (body.error && body.error.message) || 'Sign-in failed.';
  }
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const code = form.elements.code.value.trim();
  finish(/^\\d{6}$/.test(code) ? { totp_code: code } : { recovery_code: code });
});
if (singleSignOn || token) finish({}); else status.textContent = 'This link is incomplete.';
`;

const SIGN_IN_PAGES = [
  { path: '/auth/magic-link', contentType: 'text/html; charset=utf-8', body: HTML },
  { path: '/auth/oidc', contentType: 'text/html; charset=utf-8', body: HTML },
  { path: '/auth/finish-sign-in.js', contentType: 'text/javascript; charset=utf-8', body: SCRIPT },
] as const;

export async function signInPageRoutes(app: FastifyInstance): Promise<void> {
  for (const asset of SIGN_IN_PAGES) {
    app.get(asset.path, { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.type(asset.contentType).send(asset.body));
  }
}
