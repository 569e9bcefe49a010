import { SudoProvider } from '../../components/sudo/sudo-dialog';
import { useSession } from '../../session/session';
import { ApiKeysSection } from './api-keys-section';
import { DevicesSection } from './devices-section';
import { EmailSection } from './email-section';
import { PasskeysSection } from './passkeys-section';
import { PasswordSection } from './password-section';
import { TwoFactorSection } from './two-factor-section';

const SECTIONS = [
  { id: 'devices-heading', label: 'Devices' },
  { id: 'password-heading', label: 'Password' },
  { id: 'two-factor-heading', label: 'Two-factor sign-in' },
  { id: 'passkeys-heading', label: 'Passkeys' },
  { id: 'email-heading', label: 'Email' },
  { id: 'keys-heading', label: 'API keys' },
];

/**
 * Account security on one page, a section each. Sensitive actions share one
 * "confirm it is you" prompt (SudoProvider) when the server asks for it.
 */
export default function AccountPage() {
  const { user } = useSession();
  return (
    <SudoProvider>
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{user?.username}</strong> ({user?.role}).
      </p>
      <nav aria-label="Account sections">
        <ul className="section-links">
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <DevicesSection />
      <PasswordSection />
      <TwoFactorSection />
      <PasskeysSection />
      <EmailSection />
      <ApiKeysSection />
    </SudoProvider>
  );
}
