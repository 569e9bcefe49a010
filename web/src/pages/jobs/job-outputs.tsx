import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { useApiData } from '../../components/use-api-data';
import { formatBytes } from './job-format';

const artifactUrl = (jobId: string, name: string) => `/api/jobs/${encodeURIComponent(jobId)}/artifacts/${encodeURIComponent(name)}`;
const VTT = /^subtitles\.([A-Za-z0-9-]{2,35})\.vtt$/;

/**
 * What the job made: the dubbed video in a player (the same-origin artifact
 * URL, which answers Range requests, so the player seeks without loading
 * the whole file), its subtitles as a track, and every file as a download.
 * `version` reloads the list as stages finish.
 */
export function JobOutputs({ jobId, version }: { jobId: string; version: number }) {
  const list = useApiData(async () => unwrap(await api.GET('/api/jobs/{id}/artifacts', { params: { path: { id: jobId } } })), [jobId, version]);
  const artifacts = list.data?.artifacts ?? [];
  const video = artifacts.find((artifact) => artifact.name === 'dubbed.mp4');
  const tracks = artifacts.flatMap((artifact) => {
    const language = VTT.exec(artifact.name)?.[1];
    return language ? [{ name: artifact.name, language }] : [];
  });
  return (
    <>
      {video && (
        <section aria-labelledby="player-heading">
          <h2 id="player-heading">Watch</h2>
          <video className="player" controls preload="metadata" src={artifactUrl(jobId, video.name)} aria-labelledby="player-heading">
            {tracks.map((track, index) => (
              <track key={track.name} kind="subtitles" src={artifactUrl(jobId, track.name)} srcLang={track.language} label={`Subtitles (${track.language})`} default={index === 0} />
            ))}
          </video>
        </section>
      )}
      <section aria-labelledby="files-heading">
        <h2 id="files-heading">Files</h2>
        <ErrorNotice error={list.error} />
        {artifacts.length === 0 ? (
          <p className="muted">{list.loading ? 'Loading…' : 'No files yet.'}</p>
        ) : (
          <ul className="artifacts">
            {artifacts.map((artifact) => (
              <li key={artifact.name}>
                <a href={artifactUrl(jobId, artifact.name)} download={artifact.name}>
                  {artifact.name}
                </a>{' '}
                <span className="muted">{formatBytes(artifact.size)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
