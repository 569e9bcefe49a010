import type { FastifyInstance } from 'fastify';

/**
 * Where mailed links and single sign-on land. A mailed token sits in the URL
 * fragment (never sent to a server, never in a Referer); single sign-on needs
 * none, its flow cookie carries the attempt. The script posts, removes the
 * fragment from the address bar and, for sign-ins, asks accounts with 2FA for
 * a code on the same page: every sign-in path ends at that step.
 */
function page(heading: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sakuga · ${heading}</title>
<script type="module" src="/auth/finish.js"></script>
</head>
<body>
<main>
<h1>${heading}…</h1>
<form id="code" hidden>
<label>Code from your authenticator app (or a recovery code) <input name="code" autocomplete="one-time-code" required></label>
<button type="submit">Continue</button>
</form>
<p id="status" role="status"></p>
</main>
</body>
</html>
`;
}

const SCRIPT = `const status = document.getElementById('status');
const form = document.getElementById('code');
const flows = {
  '/auth/magic-link': { endpoint: '/api/auth/magic-link/verify', token: true, signIn: true },
  '/auth/oidc': { endpoint: '/api/auth/oidc/complete', token: false, signIn: true },
  '/auth/confirm-email': { endpoint: '/api/auth/email/confirm', token: true, signIn: false },
};
const flow = flows[location.pathname];
const linked = location.hash === '#linked';
const token = new URLSearchParams(location.hash.slice(1)).get('token');
history.replaceState(null, '', location.pathname);
async function finish(extra) {
  const response = await fetch(flow.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(flow.token ? { token } : {}), ...(flow.signIn ? { mode: 'cookie' } : {}), ...extra }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.ok && flow.signIn) {
    status.textContent = 'Signed in as ' + body.user.username + '.';
    location.replace('/');
  } else if (response.ok) {
    status.textContent = 'Your email address is now ' + body.email + '.';
  } else if (body.error && body.error.code === 'totp_required') {
    form.hidden = false;
    status.textContent = 'Enter a code to finish signing in.';
  } else {
    status.textContent = (body.error && body.error.message) || 'That did not work.';
  }
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const code = form.elements.code.value.trim();
  finish(/^\\d{6}$/.test(code) ? { totp_code: code } : { recovery_code: code });
});
if (linked) status.textContent = 'Your account is linked: you can now sign in with single sign-on.';
else if (token || !flow.token) finish({});
else status.textContent = 'This link is incomplete.';
`;

const HTML = 'text/html; charset=utf-8';
const PAGES = [
  { path: '/auth/magic-link', contentType: HTML, body: page('Signing you in') },
  { path: '/auth/oidc', contentType: HTML, body: page('Signing you in') },
  { path: '/auth/confirm-email', contentType: HTML, body: page('Confirming your email address') },
  { path: '/auth/finish.js', contentType: 'text/javascript; charset=utf-8', body: SCRIPT },
] as const;

export async function signInPageRoutes(app: FastifyInstance): Promise<void> {
  for (const asset of PAGES) {
    app.get(asset.path, { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.type(asset.contentType).send(asset.body));
  }
}
