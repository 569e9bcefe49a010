/**
 * Reading RIFF/WAVE headers: TTS replies are checked to be PCM audio before
 * they go further, and ASR uses the input's duration to bound timestamps.
 * Only what Sakuga needs: integer PCM (1), IEEE float (3) and the extensible
 * header (0xFFFE) carrying either.
 */
export interface WavInfo {
  readonly format: 'pcm' | 'float';
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  readonly dataOffset: number;
  /** Bytes of samples (whole frames). */
  readonly dataLength: number;
  readonly durationMs: number;
  /** The header's sizes were streaming placeholders (0 or 0xFFFFFFFF) and were taken from the file's length. */
  readonly repaired: boolean;
}

const STREAMING_SIZES = new Set([0, 0xffffffff]);

/** The WAV's layout, or a reason it is not a usable PCM WAV file. */
export function readWav(bytes: Uint8Array): WavInfo | { readonly problem: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return { problem: 'not a RIFF/WAVE file' };
  let fmt: { code: number; channels: number; sampleRate: number; blockAlign: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + size > bytes.byteLength) return { problem: 'a truncated fmt chunk' };
      let code = view.getUint16(body, true);
      if (code === 0xfffe && size >= 26) code = view.getUint16(body + 24, true);
      fmt = { code, channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), blockAlign: view.getUint16(body + 12, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!fmt) return { problem: 'data before its fmt chunk' };
      const problem = fmtProblem(fmt);
      if (problem) return { problem };
      const available = bytes.byteLength - body;
      const repaired = (size > available && STREAMING_SIZES.has(size)) || (size === 0 && available > 0);
      if (size > available && !repaired) return { problem: 'a truncated data chunk' };
      const raw = repaired ? available : size;
      const dataLength = raw - (raw % fmt.blockAlign);
      if (dataLength === 0) return { problem: 'no samples' };
      return {
        format: fmt.code === 3 ? 'float' : 'pcm',
        channels: fmt.channels,
        sampleRate: fmt.sampleRate,
        bitsPerSample: fmt.bits,
        dataOffset: body,
        dataLength,
        durationMs: (dataLength / fmt.blockAlign / fmt.sampleRate) * 1000,
        repaired,
      };
    }
    offset = body + size + (size % 2);
  }
  return { problem: fmt ? 'no data chunk' : 'no fmt chunk' };
}

function fmtProblem(fmt: { code: number; channels: number; sampleRate: number; blockAlign: number; bits: number }): string | undefined {
  const pcm = fmt.code === 1 && [8, 16, 24, 32].includes(fmt.bits);
  const float = fmt.code === 3 && [32, 64].includes(fmt.bits);
  if (!pcm && !float) return `not PCM audio (format ${fmt.code}, ${fmt.bits} bits)`;
  if (fmt.channels < 1 || fmt.channels > 8) return `${fmt.channels} channels`;
  if (fmt.sampleRate < 8000 || fmt.sampleRate > 192_000) return `a sample rate of ${fmt.sampleRate} Hz`;
  if (fmt.blockAlign !== (fmt.channels * fmt.bits) / 8) return 'an inconsistent block size';
  return undefined;
}

/** A canonical copy: RIFF and data sizes true, nothing after the samples. */
export function canonicalWav(bytes: Uint8Array, info: WavInfo): Uint8Array {
  const end = info.dataOffset + info.dataLength;
  const out = bytes.slice(0, end);
  const view = new DataView(out.buffer);
  view.setUint32(4, end - 8, true);
  view.setUint32(info.dataOffset - 4, info.dataLength, true);
  return out;
}

/** A minimal 16-bit mono PCM WAV of `samples`; for tests and fakes. */
export function pcmWav(samples: Int16Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + samples.byteLength);
  const view = new DataView(out.buffer);
  const write = (offset: number, text: string) => out.set(new TextEncoder().encode(text), offset);
  write(0, 'RIFF');
  view.setUint32(4, 36 + samples.byteLength, true);
  write(8, 'WAVE');
  write(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  write(36, 'data');
  view.setUint32(40, samples.byteLength, true);
  out.set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength), 44);
  return out;
}
