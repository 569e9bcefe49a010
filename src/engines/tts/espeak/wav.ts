/**
 * 16-bit PCM mono WAV, the only audio format the offline voice writes. PCM
 * rather than a compressed format because clips are placed at absolute sample
 * offsets later: MP3's encoder delay would shift every one of them.
 */

const HEADER_BYTES = 44;
const BITS_PER_SAMPLE = 16;

/** The canonical 44-byte RIFF/WAVE header for `sampleCount` 16-bit mono samples at `sampleRate`. */
export function pcm16MonoWavHeader(sampleCount: number, sampleRate: number): Buffer {
  const dataBytes = sampleCount * 2;
  // RIFF sizes are 32-bit: past 4 GiB the header would lie about its data.
  if (!Number.isSafeInteger(sampleCount) || sampleCount < 0 || HEADER_BYTES - 8 + dataBytes > 0xffffffff) throw new RangeError('sample count out of range for a WAV file');
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size for PCM
  header.writeUInt16LE(1, 20); // WAVE_FORMAT_PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(BITS_PER_SAMPLE, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** Samples as little-endian bytes (WAV's order), whatever the host's. */
export function pcm16LittleEndian(samples: Int16Array): Buffer {
  const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? bytes : Buffer.from(bytes).swap16();
}

export interface Pcm16Wav {
  readonly sampleRate: number;
  readonly channels: number;
  readonly samples: Int16Array;
}

/**
 * Reads a 16-bit PCM WAV, walking its chunks rather than assuming the
 * 44-byte layout. Throws on anything else; tests and later stages use it to
 * check what the voice wrote.
 */
export function parsePcm16Wav(file: Buffer): Pcm16Wav {
  if (file.length < 12 || file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  if (file.readUInt32LE(4) !== file.length - 8) throw new Error('RIFF size does not match the file');
  let format: { sampleRate: number; channels: number } | undefined;
  for (let offset = 12; offset + 8 <= file.length; ) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (body + size > file.length) throw new Error(`chunk ${id} runs past the end of the file`);
    if (id === 'fmt ') {
      if (size < 16 || file.readUInt16LE(body) !== 1 || file.readUInt16LE(body + 14) !== BITS_PER_SAMPLE) throw new Error('not 16-bit PCM');
      const channels = file.readUInt16LE(body + 2);
      const sampleRate = file.readUInt32LE(body + 4);
      if (file.readUInt32LE(body + 8) !== sampleRate * channels * 2 || file.readUInt16LE(body + 12) !== channels * 2) throw new Error('inconsistent byte rate or block align');
      format = { sampleRate, channels };
    } else if (id === 'data') {
      if (!format) throw new Error('data chunk before fmt chunk');
      if (size % 2 !== 0) throw new Error('odd data size for 16-bit samples');
      const samples = new Int16Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = file.readInt16LE(body + i * 2);
      return { ...format, samples };
    }
    offset = body + size + (size % 2); // chunks are word-aligned
  }
  throw new Error('no data chunk');
}
