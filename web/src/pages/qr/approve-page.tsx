import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { ErrorNotice, Field, StatusNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { fragmentParam } from '../auth-landing/fragment';
import { normaliseUserCode } from './countdown';

/**
 * /auth/qr#id=…, what the QR code on a new device opens: the signed-in person
 * sees which device and address ask, types the code shown on that device and
 * approves. Approving lets someone in, so it needs sudo mode: when the server
 * asks, the password is confirmed first and the approval repeated.
 */
export default function ApprovePage() {
  // Not a secret (the QR grants nothing by itself), so it stays in the address for a reload.
  const id = fragmentParam(useLocation().hash, 'id');
  const asking = useApiData(async () => (id ? unwrap(await api.GET('/api/auth/qr/{id}/request', { params: { path: { id } } })) : undefined), [id]);
  const [code, setCode] = useState('');
  const [confirmPassword, setConfirmPassword] = useState(false);
  const [approved, setApproved] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function run(step: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await step();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'reauth_required') setConfirmPassword(true);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  async function approve() {
    unwrap(await api.POST('/api/auth/qr/{id}/approve', { params: { path: { id: id! } }, body: { user_code: normaliseUserCode(code) } }));
    setConfirmPassword(false);
    setApproved(true);
  }

  function onApprove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(approve);
  }

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password'));
    void run(async () => {
      unwrap(await api.POST('/api/auth/reauth', { body: { password } }));
      await approve();
    });
  }

  if (!id) {
    return (
      <section className="narrow">
        <h1>Approve a sign-in</h1>
        <p role="alert" className="notice notice-error">
          This address names no sign-in request. Scan the QR code on the new device again.
        </p>
      </section>
    );
  }
  const view = asking.data;
  return (
    <section className="narrow">
      <h1>Approve a sign-in</h1>
      {asking.loading && <p role="status">Loading…</p>}
      <ErrorNotice error={asking.error} />
      {view && (
        <>
          <p>A device asks to be signed in to your account. Approve only if it is yours and in front of you.</p>
          <dl className="facts">
            <div>
              <dt>Device</dt>
              <dd>{view.device_name ?? 'Not named'}</dd>
            </div>
            <div>
              <dt>Browser or app</dt>
              <dd className="mono">{view.user_agent ?? 'Not given'}</dd>
            </div>
            <div>
              <dt>Network address</dt>
              <dd className="mono">{view.ip ?? 'Unknown'}</dd>
            </div>
            <div>
              <dt>Asked at</dt>
              <dd>{new Date(view.created_at).toLocaleTimeString()}</dd>
            </div>
          </dl>
        </>
      )}
      {approved ? (
        <>
          <StatusNotice>Approved. The new device is signing in now.</StatusNotice>
          <p>
            <Link to="/">Go to the start page</Link>
          </p>
        </>
      ) : confirmPassword ? (
        <form onSubmit={onConfirm} className="stack" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">Confirm it is you</h2>
          <p>Letting a device in needs your password again.</p>
          <Field label="Your password" name="password" type="password" autoComplete="current-password" required autoFocus />
          <ErrorNotice error={error} />
          <div className="row">
            <button type="submit" disabled={busy}>
              {busy ? 'Checking…' : 'Confirm and approve'}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmPassword(false)}>
              Back
            </button>
          </div>
        </form>
      ) : (
        view &&
        !view.approved && (
          <form onSubmit={onApprove} className="stack" aria-label="Approve the sign-in">
            <Field
              label="Code shown on the new device"
              name="user_code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
              hint="8 letters and digits, like ABCD-EFGH."
            />
            <ErrorNotice error={error} />
            <button type="submit" disabled={busy}>
              {busy ? 'Approving…' : 'Approve sign-in'}
            </button>
          </form>
        )
      )}
      {view?.approved && !approved && <p role="status">This request is already approved.</p>}
    </section>
  );
}
