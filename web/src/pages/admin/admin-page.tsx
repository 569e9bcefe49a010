import { Link } from 'react-router';

/** The admin's landing: accounts, the audit log, templates, gallery moderation, storage, backups and retention. */
export default function AdminPage() {
  return (
    <section>
      <h1>Administration</h1>
      <ul className="cards">
        <li>
          <Link to="/admin/users">Users</Link>
          <p>Create accounts, change roles, disable, unlock a sign-in, reset a password, end sessions.</p>
        </li>
        <li>
          <Link to="/admin/audit">Audit log</Link>
          <p>Every security event on this server: sign-ins, refusals, account changes.</p>
        </li>
        <li>
          <Link to="/admin/templates">Workflow templates</Link>
          <p>The ComfyUI workflows people generate with: install your own, remove them.</p>
        </li>
        <li>
          <Link to="/admin/gallery">Gallery moderation</Link>
          <p>What the public gallery shows; hide anything, show it again.</p>
        </li>
        <li>
          <Link to="/admin/storage">Storage</Link>
          <p>Where files are kept, encryption at rest and its keys, and how much each person&apos;s work takes.</p>
        </li>
        <li>
          <Link to="/admin/backups">Backups</Link>
          <p>The backups of the database and every file: the last one, whether each verifies, a backup now.</p>
        </li>
        <li>
          <Link to="/admin/retention">Retention</Link>
          <p>What leaves on its own and when: unused uploads, old logs and jobs, the trash; the latest runs.</p>
        </li>
        <li>
          <Link to="/account/activity">Your activity</Link>
          <p>Your own sign-ins and account changes.</p>
        </li>
      </ul>
    </section>
  );
}
