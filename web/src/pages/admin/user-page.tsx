import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Body } from '../../api/types';
import { ErrorNotice, Field, SelectField, StatusNotice } from '../../components/form';
import { SudoProvider, useSudo } from '../../components/sudo/sudo-dialog';
import { useAction } from '../../components/use-action';
import { useApiData } from '../../components/use-api-data';
import { type AdminUser, loadUsers, ROLE_OPTIONS } from './admin-users';
import { UserSessions } from './user-sessions';

type Changes = Body<'/api/admin/users/{id}', 'patch'>;

/** What happened, said where the person acted. */
function Outcome({ action }: { action: { error: unknown; status?: string } }) {
  return (
    <>
      <ErrorNotice error={action.error} />
      <StatusNotice>{action.status}</StatusNotice>
    </>
  );
}

function UserControls({ user, onChanged }: { user: AdminUser; onChanged: () => Promise<void> }) {
  const access = useAction();
  const password = useAction();
  const withSudo = useSudo();
  const [role, setRole] = useState(user.role);

  const patch = async (body: Changes) => unwrap(await api.PATCH('/api/admin/users/{id}', { params: { path: { id: user.id } }, body })).user;

  const changeRole = (event: FormEvent) => {
    event.preventDefault();
    void access.run(async () => {
      const changed = await patch({ role });
      await onChanged();
      return `${changed.username} is now ${changed.role}.`;
    });
  };
  const setDisabled = (disabled: boolean) =>
    void access.run(async () => {
      const changed = await patch({ disabled });
      await onChanged();
      return disabled ? `${changed.username} is disabled and signed out everywhere.` : `${changed.username} can sign in again.`;
    });
  const unlock = () =>
    void access.run(async () => {
      await patch({ unlock_login: true });
      return `${user.username} can try signing in again right away.`;
    });
  const resetPassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const newPassword = String(new FormData(formElement).get('new-password'));
    void password.run(async () => {
      await withSudo(() => patch({ password: newPassword }));
      formElement.reset();
      await onChanged();
      return `${user.username}'s password is reset and all their sessions have ended.`;
    });
  };

  return (
    <>
      <section aria-labelledby="access-heading" className="stack">
        <h2 id="access-heading">Role and access</h2>
        <form className="row align-end" onSubmit={changeRole}>
          <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as AdminUser['role'])} options={ROLE_OPTIONS} />
          <button type="submit" disabled={role === user.role}>
            Change role
          </button>
        </form>
        <div className="row">
          {user.disabled ? (
            <button type="button" className="secondary" onClick={() => setDisabled(false)}>
              Enable account
            </button>
          ) : (
            <button type="button" className="danger" onClick={() => setDisabled(true)}>
              Disable account
            </button>
          )}
          <button type="button" className="secondary" onClick={unlock}>
            Unlock sign-in
          </button>
        </div>
        <p className="hint">Unlocking clears the wait after too many wrong passwords.</p>
        <Outcome action={access} />
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Reset password</h2>
        <form className="stack" aria-labelledby="password-heading" onSubmit={resetPassword}>
          <Field
            label="New password"
            name="new-password"
            type="password"
            autoComplete="new-password"
            minLength={15}
            required
            hint="15 characters or more. Every session of theirs ends."
          />
          <button type="submit">Reset password</button>
        </form>
        <Outcome action={password} />
      </section>
    </>
  );
}

/** One account: role, disable or enable, unlock sign-in, password reset, sessions. */
export default function UserPage() {
  const { id = '' } = useParams();
  const users = useApiData(loadUsers, []);
  const user = users.data?.find((candidate) => candidate.id === id);
  // Disabling or a password reset ends sessions: the list below reloads after every change.
  const [changes, setChanges] = useState(0);
  const onChanged = async () => {
    await users.reload();
    setChanges((count) => count + 1);
  };

  return (
    <section>
      <p>
        <Link to="/admin/users">All users</Link>
      </p>
      <ErrorNotice error={users.error} />
      {users.loading && !users.data && <p role="status">Loading…</p>}
      {users.data && !user && <h1>No such user</h1>}
      {user && (
        <>
          <h1>{user.username}</h1>
          <p>
            {user.role}
            {user.disabled ? ' · disabled' : ' · active'}
            {user.email && ` · ${user.email}`} · since {new Date(user.created_at).toLocaleDateString()}
          </p>
          <SudoProvider>
            <UserControls key={user.id} user={user} onChanged={onChanged} />
          </SudoProvider>
          <UserSessions userId={user.id} username={user.username} changes={changes} />
        </>
      )}
    </section>
  );
}
