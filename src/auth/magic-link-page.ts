/**
 * Where a mailed link lands. The token sits in the URL fragment (never sent to
 * a server, never in a Referer); the script posts it and removes it from the
 * address bar. Accounts with 2FA are asked for a code on the same page.
 */
const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sakuga · sign in</title>
<link rel="stylesheet" href="/setup/setup.css">
<script type="module" src="/auth/magic-link.js"></script>
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
const token = new URLSearchParams(location.hash.slice(1)).get('token');
history.replaceState(null, '', location.pathname);
async function verify(extra) {
  const response = await fetch('/api/auth/magic-link/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, mode: 'cookie', ...extra }),
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
  verify(/^\\d{6}$/.test(code) ? { totp_code: code } : { recovery_code: code });
});
if (token) verify({}); else status.textContent = 'This link is incomplete.';
`;

export const MAGIC_LINK_PAGE = [
  { path: '/auth/magic-link', contentType: 'text/html; charset=utf-8', body: HTML },
  { path: '/auth/magic-link.js', contentType: 'text/javascript; charset=utf-8', body: SCRIPT },
] as const;
