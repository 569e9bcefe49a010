import { endianness } from 'node:os';
import { type FileHandle, open } from 'node:fs/promises';
import { mediaError } from './errors.js';

/**
 * RIFF WAV, as Sakuga's dub keeps every intermediate: PCM s16le for tracks and
 * clips, IEEE float32 for the premix (so summing never clips before loudness
 * normalisation brings it down). Read and written in chunks, so a two-hour
 * track never has to sit in memory.
 */
export type SampleFormat = 's16' | 'f32';

export interface WavFormat {
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  readonly sampleFormat: SampleFormat;
}

export interface WavInfo extends WavFormat {
  readonly dataOffset: number;
  readonly dataBytes: number;
  readonly frames: number;
  readonly durationMs: number;
}

const HEADER_BYTES = 44;
/** RIFF sizes are 32-bit; past this a WAV needs RF64, which nothing here writes. */
const MAX_DATA_BYTES = 0xffff_ffff - HEADER_BYTES;
const FORMAT_TAGS: Record<number, SampleFormat | undefined> = { 1: 's16', 3: 'f32' };

// Samples are viewed as typed arrays over file bytes, which is little-endian by the RIFF rules.
if (endianness() !== 'LE') throw new Error('the WAV code assumes a little-endian host');

function bytesPerSample(format: SampleFormat): number {
  return format === 's16' ? 2 : 4;
}

/** Bytes per frame (one sample of every channel). */
export function blockAlign(format: WavFormat): number {
  return bytesPerSample(format.sampleFormat) * format.channels;
}

/** The canonical 44-byte header for `dataBytes` of samples. */
export function wavHeader(format: WavFormat, dataBytes: number): Buffer {
  if (dataBytes > MAX_DATA_BYTES) throw mediaError('wav_too_large', `${dataBytes} bytes of samples do not fit a RIFF WAV`);
  const header = Buffer.alloc(HEADER_BYTES);
  const align = blockAlign(format);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(format.sampleFormat === 's16' ? 1 : 3, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * align, 28);
  header.writeUInt16LE(align, 32);
  header.writeUInt16LE(bytesPerSample(format.sampleFormat) * 8, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * Walks the chunk list instead of assuming 44 bytes: ffmpeg writes a LIST
 * chunk before `data`, other tools write `fact`, `bext` or padding. A data
 * size that runs past the file (0xFFFFFFFF from a non-seekable writer, or a
 * file cut short) is taken from the file's real length.
 */
async function parseHeader(file: FileHandle): Promise<WavInfo> {
  const { size } = await file.stat();
  const riff = await readAt(file, 0, 12);
  if (riff.length < 12 || riff.toString('ascii', 0, 4) !== 'RIFF' || riff.toString('ascii', 8, 12) !== 'WAVE') throw mediaError('wav_invalid', 'not a RIFF WAVE file');
  let position = 12;
  let format: WavFormat | undefined;
  while (position + 8 <= size) {
    const chunk = await readAt(file, position, 8);
    const id = chunk.toString('ascii', 0, 4);
    const length = chunk.readUInt32LE(4);
    const body = position + 8;
    if (id === 'fmt ') {
      const fmt = await readAt(file, body, Math.min(length, 40));
      if (fmt.length < 16) throw mediaError('wav_invalid', 'fmt chunk too short');
      // WAVE_FORMAT_EXTENSIBLE keeps the real tag in the first two bytes of its sub-format GUID.
      const tag = fmt.readUInt16LE(0) === 0xfffe && fmt.length >= 26 ? fmt.readUInt16LE(24) : fmt.readUInt16LE(0);
      const channels = fmt.readUInt16LE(2);
      const bits = fmt.readUInt16LE(14);
      const sampleFormat = FORMAT_TAGS[tag];
      if (!sampleFormat || bits !== bytesPerSample(sampleFormat) * 8 || (channels !== 1 && channels !== 2)) {
        throw mediaError('wav_unsupported', `WAV format tag ${tag}, ${bits} bits, ${channels} channels (only 16-bit PCM and 32-bit float, mono or stereo)`);
      }
      format = { sampleRate: fmt.readUInt32LE(4), channels, sampleFormat };
    } else if (id === 'data') {
      if (!format) throw mediaError('wav_invalid', 'data chunk before fmt chunk');
      const dataBytes = Math.min(length, size - body);
      const frames = Math.floor(dataBytes / blockAlign(format));
      return { ...format, dataOffset: body, dataBytes, frames, durationMs: (frames * 1000) / format.sampleRate };
    }
    position = body + length + (length % 2);
  }
  throw mediaError('wav_invalid', 'no data chunk');
}

/** A WAV's format and length from its header alone (no ffmpeg run). */
export async function readWavInfo(path: string): Promise<WavInfo> {
  const file = await open(path, 'r');
  try {
    return await parseHeader(file);
  } finally {
    await file.close();
  }
}

function decode(bytes: Buffer, sampleFormat: SampleFormat): Float32Array {
  // Copied into a fresh ArrayBuffer: a Buffer's offset need not be aligned for a typed-array view.
  const aligned = new Uint8Array(bytes.length);
  aligned.set(bytes);
  if (sampleFormat === 'f32') return new Float32Array(aligned.buffer, 0, bytes.length >> 2);
  const ints = new Int16Array(aligned.buffer, 0, bytes.length >> 1);
  const out = new Float32Array(ints.length);
  for (let i = 0; i < ints.length; i++) out[i] = ints[i]! / 32768;
  return out;
}

/** Reads frames of a WAV as interleaved floats in [-1, 1), at any position. */
export class WavReader {
  private constructor(
    private readonly file: FileHandle,
    readonly info: WavInfo,
  ) {}

  static async open(path: string): Promise<WavReader> {
    const file = await open(path, 'r');
    try {
      return new WavReader(file, await parseHeader(file));
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** Up to `count` frames from `start`; fewer (or none) past the end. */
  async read(start: number, count: number): Promise<Float32Array> {
    const first = Math.max(0, Math.min(start, this.info.frames));
    const last = Math.max(first, Math.min(start + count, this.info.frames));
    const align = blockAlign(this.info);
    const bytes = await readAt(this.file, this.info.dataOffset + first * align, (last - first) * align);
    return decode(bytes, this.info.sampleFormat);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

/** The number of samples a float rounded to s16 would clamp (|x| beyond full scale). */
function encode(samples: Float32Array, sampleFormat: SampleFormat): { bytes: Buffer; clipped: number } {
  if (sampleFormat === 'f32') return { bytes: Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength), clipped: 0 };
  const ints = new Int16Array(samples.length);
  let clipped = 0;
  for (let i = 0; i < samples.length; i++) {
    const value = Math.round(samples[i]! * 32768);
    if (value > 32767) {
      ints[i] = 32767;
      clipped++;
    } else if (value < -32768) {
      ints[i] = -32768;
      clipped++;
    } else ints[i] = value;
  }
  return { bytes: Buffer.from(ints.buffer), clipped };
}

/** Writes a WAV front to back; the header's sizes are filled in on close. */
export class WavWriter {
  private frames = 0;
  private clippedSamples = 0;

  private constructor(
    private readonly file: FileHandle,
    readonly format: WavFormat,
  ) {}

  static async create(path: string, format: WavFormat): Promise<WavWriter> {
    const file = await open(path, 'w');
    try {
      await file.write(wavHeader(format, 0), 0, HEADER_BYTES, 0);
    } catch (error) {
      await file.close();
      throw error;
    }
    return new WavWriter(file, format);
  }

  /** Interleaved floats; s16 output clamps at full scale and counts what it clamped. */
  async write(samples: Float32Array): Promise<void> {
    if (samples.length % this.format.channels !== 0) throw new RangeError('a partial frame');
    const { bytes, clipped } = encode(samples, this.format.sampleFormat);
    await this.file.write(bytes, 0, bytes.length, HEADER_BYTES + this.frames * blockAlign(this.format));
    this.frames += samples.length / this.format.channels;
    this.clippedSamples += clipped;
  }

  /** Frames written so far, and samples clamped at full scale. */
  get written(): { frames: number; clippedSamples: number } {
    return { frames: this.frames, clippedSamples: this.clippedSamples };
  }

  async close(): Promise<WavInfo> {
    const dataBytes = this.frames * blockAlign(this.format);
    try {
      await this.file.write(wavHeader(this.format, dataBytes), 0, HEADER_BYTES, 0);
    } finally {
      await this.file.close();
    }
    return { ...this.format, dataOffset: HEADER_BYTES, dataBytes, frames: this.frames, durationMs: (this.frames * 1000) / this.format.sampleRate };
  }
}

/** Frames of silence in chunks; the stand-in track for a video that has no audio. */
export async function writeSilentWav(path: string, format: WavFormat, frames: number): Promise<WavInfo> {
  const writer = await WavWriter.create(path, format);
  const chunk = format.sampleRate * 10;
  try {
    for (let done = 0; done < frames; done += chunk) await writer.write(new Float32Array(Math.min(chunk, frames - done) * format.channels));
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  }
  return writer.close();
}

/** Cuts a WAV to `frames` in place, patching the RIFF and data sizes wherever its chunks sit. */
export async function truncateWav(path: string, frames: number): Promise<WavInfo> {
  const file = await open(path, 'r+');
  try {
    const info = await parseHeader(file);
    if (frames > info.frames) throw new RangeError('truncateWav cannot lengthen a file');
    const dataBytes = frames * blockAlign(info);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(dataBytes);
    await file.write(size, 0, 4, info.dataOffset - 4);
    size.writeUInt32LE(info.dataOffset - 8 + dataBytes);
    await file.write(size, 0, 4, 4);
    await file.truncate(info.dataOffset + dataBytes);
    return { ...info, dataBytes, frames, durationMs: (frames * 1000) / info.sampleRate };
  } finally {
    await file.close();
  }
}
