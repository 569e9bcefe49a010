import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** A keep-alive HTTP/1.1 client on node:http, light enough not to be what is measured. */
export function createClient(port: number, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string; ms: number }> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  return { send, close: () => agent.destroy() };
}

/** Requests completed per second by `workers` concurrent loops over `seconds`. */
export async function throughput(run: () => Promise<unknown>, workers: number, seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        await run();
        done += 1;
      }
    }),
  );
  return done / seconds;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
