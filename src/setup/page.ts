/**
 * The first-run page: plain HTML with its script and style as separate files,
 * because the CSP forbids inline ones. The token arrives in the URL fragment,
 * which browsers never send to a server or put in a Referer, and the script
 * removes it from the address bar at once.
 */
const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sakuga · first-run setup</title>
<link rel="stylesheet" href="/setup/setup.css">
<script type="module" src="/setup/setup.js"></script>
</head>
<body>
<main>
<h1>Welcome to Sakuga</h1>
<p>Create the first administrator account. The setup token is in the file <code>setup-token</code> in Sakuga's data directory.</p>
<form id="setup">
<label>Setup token <input name="token" autocomplete="off" required></label>
<label>Username <input name="username" autocomplete="username" minlength="3" maxlength="32" required></label>
<label>Password (15 characters or more) <input name="password" type="password" autocomplete="new-password" minlength="15" required></label>
<label>Repeat password <input name="confirm" type="password" autocomplete="new-password" required></label>
<button type="submit">Create admin</button>
</form>
<p id="status" role="status"></p>
</main>
</body>
</html>
`;

const SCRIPT = `const form = document.getElementById('setup');
const status = document.getElementById('status');
const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get('token')) {
  form.elements.token.value = fragment.get('token');
  history.replaceState(null, '', location.pathname);
}
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(form));
  if (data.password !== data.confirm) {
    status.textContent = 'The passwords do not match.';
    return;
  }
  status.textContent = 'Creating the account…';
  const response = await fetch('/api/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: data.token.trim(), username: data.username, password: data.password }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    form.hidden = true;
    status.textContent = 'Done. ' + body.user.username + ' is the administrator; you can sign in now.';
  } else {
    status.textContent = (body.error && body.error.message) || 'Setup failed (' + response.status + ').';
  }
});
`;

const STYLE = `body { font-family: system-ui, sans-serif; margin: 0; padding: 1rem; background: #faf7f2; color: #222; }
main { max-width: 28rem; margin: 0 auto; }
form { display: grid; gap: 0.75rem; }
label { display: grid; gap: 0.25rem; font-weight: 600; }
input, button { font: inherit; padding: 0.6rem; border-radius: 0.4rem; border: 1px solid #999; }
button { background: #c2410c; color: #fff; border: none; }
#status { min-height: 1.5rem; }
`;

export const SETUP_PAGE = [
  { path: '/setup', contentType: 'text/html; charset=utf-8', body: HTML },
  { path: '/setup/setup.js', contentType: 'text/javascript; charset=utf-8', body: SCRIPT },
  { path: '/setup/setup.css', contentType: 'text/css; charset=utf-8', body: STYLE },
] as const;
