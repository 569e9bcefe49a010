import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice, Field, StatusNotice } from '../../components/form';
import { SudoProvider, useSudo } from '../../components/sudo/sudo-dialog';
import { useAction } from '../../components/use-action';
import { useApiData } from '../../components/use-api-data';
import { fragmentParam } from '../auth-landing/fragment';
import { normaliseUserCode } from './countdown';

/**
 * /auth/qr#id=…, what the QR code on a new device opens: the signed-in person
 * sees which device and address ask, types the code shown on that device and
 * approves. Approving lets someone in, so it needs sudo mode: when the server
 * asks, the person confirms it is them first and the approval is repeated.
 */
export default function ApprovePage() {
  return (
    <SudoProvider>
      <ApproveSignIn />
    </SudoProvider>
  );
}

function ApproveSignIn() {
  // Not a secret (the QR grants nothing by itself), so it stays in the address for a reload.
  const id = fragmentParam(useLocation().hash, 'id');
  const asking = useApiData(async () => (id ? unwrap(await api.GET('/api/auth/qr/{id}/request', { params: { path: { id } } })) : undefined), [id]);
  const [code, setCode] = useState('');
  const [approved, setApproved] = useState(false);
  const action = useAction();
  const withSudo = useSudo();

  function onApprove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void action.run(async () => {
      await withSudo(async () => unwrap(await api.POST('/api/auth/qr/{id}/approve', { params: { path: { id: id! } }, body: { user_code: normaliseUserCode(code) } })));
      setApproved(true);
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
            <ErrorNotice error={action.error} />
            <button type="submit" disabled={action.busy}>
              {action.busy ? 'Approving…' : 'Approve sign-in'}
            </button>
          </form>
        )
      )}
      {view?.approved && !approved && <p role="status">This request is already approved.</p>}
    </section>
  );
}
