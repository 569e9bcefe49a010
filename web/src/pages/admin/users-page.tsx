import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Body } from '../../api/types';
import { ErrorNotice, Field, SelectField, StatusNotice } from '../../components/form';
import { useAction } from '../../components/use-action';
import { useApiData } from '../../components/use-api-data';
import { loadUsers, ROLE_OPTIONS, searchUsers } from './admin-users';

function CreateUserForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const action = useAction();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get('email')).trim();
    const body: Body<'/api/admin/users', 'post'> = {
      username: String(form.get('username')),
      password: String(form.get('password')),
      role: String(form.get('role')) as Body<'/api/admin/users', 'post'>['role'],
      ...(email && { email }),
    };
    void action.run(async () => {
      const { user } = unwrap(await api.POST('/api/admin/users', { body }));
      formElement.reset();
      await onCreated();
      return `Created ${user.username} (${user.role}).`;
    });
  }

  return (
    <form className="stack" aria-labelledby="create-user" onSubmit={submit}>
      <h2 id="create-user">Create a user</h2>
      <Field label="Username" name="username" autoComplete="off" minLength={3} maxLength={32} required hint="3 to 32 letters, digits, dots, dashes or underscores." />
      <Field label="Email (optional)" name="email" type="email" autoComplete="off" hint="For email sign-in links, if this server sends mail." />
      <SelectField label="Role" name="role" defaultValue="operator" options={ROLE_OPTIONS} />
      <Field label="First password" name="password" type="password" autoComplete="new-password" minLength={15} required hint="15 characters or more; give it to them privately." />
      <ErrorNotice error={action.error} />
      <StatusNotice>{action.status}</StatusNotice>
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Creating…' : 'Create user'}
      </button>
    </form>
  );
}

/** Every account on the server, a search over them, and a form for a new one. */
export default function UsersPage() {
  const users = useApiData(loadUsers, []);
  const [search, setSearch] = useState('');
  const shown = searchUsers(users.data ?? [], search);

  return (
    <section>
      <p>
        <Link to="/admin">Administration</Link>
      </p>
      <h1>Users</h1>
      <Field label="Find a user" type="search" value={search} onChange={(event) => setSearch(event.target.value)} hint="By username or email." />
      <ErrorNotice error={users.error} />
      {users.loading && !users.data && <p role="status">Loading…</p>}
      {users.data && (
        <ul className="cards" aria-label="Users">
          {shown.map((user) => (
            <li key={user.id}>
              <Link to={`/admin/users/${user.id}`}>
                {user.username}
              </Link>
              <p>
                {user.role}
                {user.disabled && ' · disabled'}
                {user.email && ` · ${user.email}`}
              </p>
            </li>
          ))}
          {shown.length === 0 && <li>No user matches “{search}”.</li>}
        </ul>
      )}
      <CreateUserForm onCreated={users.reload} />
    </section>
  );
}
