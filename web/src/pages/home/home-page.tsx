import { Link } from 'react-router';
import { useSession } from '../../session/session';

/** The start page after signing in: what a person came to do. */
export default function HomePage() {
  const { user } = useSession();
  return (
    <section>
      <h1>Hello, {user?.username}</h1>
      <ul className="cards">
        <li>
          <Link to="/jobs/new">Dub a video</Link>
          <p>Upload a video (and subtitles if you have them), choose a language and voices.</p>
        </li>
        <li>
          <Link to="/generate">Generate an image or a clip</Link>
          <p>From a prompt, on the server's ComfyUI; each result is a version of a project you can branch and publish.</p>
        </li>
        <li>
          <Link to="/jobs">Your jobs</Link>
          <p>Progress, logs and results of everything Sakuga is making for you.</p>
        </li>
        <li>
          <Link to="/uploads">Uploads</Link>
          <p>Send videos and subtitles to the server; big files resume where they stopped.</p>
        </li>
        <li>
          <Link to="/account">Account security</Link>
          <p>Devices, password, two-factor sign-in, passkeys and API keys.</p>
        </li>
      </ul>
    </section>
  );
}
