import { toString as qrSvg } from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorNotice } from '../../components/form';
import { QrImage } from '../../components/qr-image';
import { deviceName } from '../sign-in/password-sign-in';
import { SecondFactorForm } from '../sign-in/second-factor-form';
import { type Factor, useSignInAttempt } from '../sign-in/use-sign-in-attempt';
import { formatCountdown, secondsLeft, spokenCountdown } from './countdown';

/** RFC 8628 §3.5 suggests 5 s; two minutes of life make a quicker answer worth it. */
const POLL_MS = 2_000;

interface QrRequest {
  readonly id: string;
  readonly pollToken: string;
  readonly userCode: string;
  readonly approveUrl: string;
  readonly deadline: number;
  readonly svg: string;
}

class Stopped extends Error {}

/** The poll's headers: the poll token, and the code once a 2FA account was asked for it. */
function pollHeaders(pollToken: string, factor?: Factor) {
  if (!factor) return { 'x-poll-token': pollToken };
  return 'totp_code' in factor ? { 'x-poll-token': pollToken, 'x-totp-code': factor.totp_code } : { 'x-poll-token': pollToken, 'x-recovery-code': factor.recovery_code };
}

/**
 * "Sign in with a phone": this device shows a QR code (only the approve
 * address, which grants nothing by itself) and a short code; a phone where
 * the person is signed in opens it, checks who is asking, types the code and
 * approves. This page polls until then, and collects its own cookie session.
 */
export default function NewDevicePage() {
  const { attempt, codeStep, error } = useSignInAttempt();
  const [request, setRequest] = useState<QrRequest>();
  const [startError, setStartError] = useState<unknown>();
  const [now, setNow] = useState(() => Date.now());
  // Each request's poll loop stops once a newer request (or leaving the page) replaces it.
  const generation = useRef(0);

  const start = useCallback(async () => {
    const mine = ++generation.current;
    setStartError(undefined);
    setRequest(undefined);
    try {
      const started = unwrap(await api.POST('/api/auth/qr/init', { body: { device_name: deviceName() } }));
      const svg = await qrSvg(started.approve_url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      if (mine !== generation.current) return;
      const next = { id: started.qr_id, pollToken: started.poll_token, userCode: started.user_code, approveUrl: started.approve_url, deadline: Date.now() + started.expires_in * 1000, svg };
      setRequest(next);
      setNow(Date.now());
      void attempt(async (factor) => {
        for (;;) {
          if (mine !== generation.current) throw new Stopped();
          const reply = unwrap(
            await api.GET('/api/auth/qr/{id}', { params: { path: { id: next.id }, query: { mode: 'cookie' }, header: pollHeaders(next.pollToken, factor) } }),
          );
          if (reply.status === 'approved') return reply;
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      });
    } catch (failure) {
      if (mine === generation.current) setStartError(failure);
    }
  }, [attempt]);

  useEffect(() => {
    void start();
    return () => {
      generation.current += 1;
    };
  }, [start]);

  const left = request ? secondsLeft(request.deadline, now) : 0;
  useEffect(() => {
    if (!request || left <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [request, left, now]);
  useEffect(() => {
    // Expired: stop polling; the server would answer 410 from now on anyway.
    if (request && left <= 0 && !codeStep) generation.current += 1;
  }, [request, left, codeStep]);

  const ended = (request && left <= 0 && !codeStep) || (error !== undefined && !(error instanceof Stopped));
  const spoken = spokenCountdown(left);

  return (
    <section className="narrow">
      <h1>Sign in with a phone</h1>
      {codeStep ? (
        <SecondFactorForm submit={codeStep} />
      ) : (
        <>
          <ol className="steps">
            <li>On a phone or computer where you are signed in to Sakuga, scan this code (or open the address below it).</li>
            <li>Check that it names this device, then type the code shown here.</li>
          </ol>
          <ErrorNotice error={startError} />
          {!request && !startError && <p role="status">Starting…</p>}
          {request && !ended && (
            <div className="qr-request">
              <QrImage svg={request.svg} label="QR code with the address that approves this sign-in" />
              <p className="user-code-label">
                Code to type on the other device: <strong className="user-code mono">{request.userCode}</strong>
              </p>
              <p className="muted mono">{request.approveUrl}</p>
              <p>
                Waiting for approval · <span className="mono">{formatCountdown(left)}</span> left
              </p>
              {/* Announced now and then, not every second (see spokenCountdown). */}
              <p className="visually-hidden" role="status">
                {spoken ? `Waiting for approval, ${spoken}.` : ''}
              </p>
            </div>
          )}
          {ended && (
            <>
              {error !== undefined ? <ErrorNotice error={error} /> : (
                <p role="alert" className="notice notice-error">
                  This request expired before it was approved.
                </p>
              )}
              <button type="button" onClick={() => void start()}>
                Start again
              </button>
            </>
          )}
        </>
      )}
      <p>
        <Link to="/sign-in">Sign in another way</Link>
      </p>
    </section>
  );
}
