import { useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { OutputMedia } from './output-media';

/** What an unlisted share link opens, signed in or not. */
export default function SharePage() {
  const { token = '' } = useParams();
  const shared = useApiData(async () => unwrap(await api.GET('/api/shares/{token}', { params: { path: { token } } })), [token]);
  return (
    <section>
      <h1>Shared with you</h1>
      <ErrorNotice error={shared.error} />
      {shared.data && (
        <figure>
          <OutputMedia src={shared.data.file_url} format={shared.data.format} alt={`A generated ${shared.data.kind === 'video' ? 'clip' : 'picture'}`} />
          <figcaption>{shared.data.display_name ? `By ${shared.data.display_name}` : 'Made with Sakuga'}</figcaption>
        </figure>
      )}
    </section>
  );
}
