/**
 * The job's QR code: it opens this job's page on a phone, which then signs in
 * as usual; the code carries the page's address only, never a token. The
 * server draws it (`GET /api/jobs/:id/qrcode`, same-origin, with the cookie).
 */
export function JobQr({ jobId }: { jobId: string }) {
  return (
    <section aria-labelledby="job-qr-heading">
      <h2 id="job-qr-heading">Open on a phone</h2>
      <img className="qr" src={`/api/jobs/${encodeURIComponent(jobId)}/qrcode`} alt="QR code that opens this job on a phone" width={220} height={220} />
      <p className="muted">Scan it with the phone's camera; you sign in there if you have not yet.</p>
    </section>
  );
}
