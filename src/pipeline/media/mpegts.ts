import { mediaError } from './errors.js';

/** ISO/IEC 13818-1 packets are 188 bytes, each opening with the sync byte 0x47. */
export const TS_PACKET_BYTES = 188;
const SYNC = 0x47;
const PAT_PID = 0x0000;
/** SDT and null packets: ffmpeg writes the SDT ahead of the PAT; neither carries media. */
const NON_MEDIA_PIDS = new Set([0x0011, 0x1fff]);
/** Enough of a first PES for the SPS and the first slice header of a keyframe, or a few ADTS frames. */
const PAYLOAD_KEPT = 64 * 1024;

/** Stream types (ISO/IEC 13818-1 Table 2-34) this package carries. */
export const STREAM_TYPE = { h264: 0x1b, aacAdts: 0x0f } as const;

/** The first PES packet of one elementary stream in a segment. */
export interface PesStart {
  readonly pid: number;
  readonly streamType: number;
  /** 90 kHz presentation time of the PES, when it has one. */
  readonly pts: number | undefined;
  /** Up to 64 KiB of the PES payload (an Annex B access unit for H.264, ADTS frames for AAC). */
  readonly payload: Buffer;
}

function payloadStart(packet: Buffer): number {
  const control = (packet[3]! >> 4) & 3;
  if ((control & 1) === 0) return TS_PACKET_BYTES; // adaptation field only
  return (control & 2) === 0 ? 4 : 5 + packet[4]!;
}

/** A PSI section that starts in this packet (ffmpeg's PAT and PMT each fit one). */
function section(packet: Buffer, tableId: number): Buffer {
  const start = payloadStart(packet);
  if ((packet[1]! & 0x40) === 0 || start >= TS_PACKET_BYTES) throw mediaError('hls_segment_invalid', 'a table without a section start');
  const at = start + 1 + packet[start]!;
  const length = at + 3 <= TS_PACKET_BYTES ? ((packet[at + 1]! & 0x0f) << 8) | packet[at + 2]! : Infinity;
  if (packet[at] !== tableId || at + 3 + length > TS_PACKET_BYTES) throw mediaError('hls_segment_invalid', `table 0x${tableId.toString(16)} unreadable`);
  // Section body without its 8-byte header and 4-byte CRC.
  return packet.subarray(at + 8, at + 3 + length - 4);
}

function pts(header: Buffer): number | undefined {
  if (header.length < 14 || (header[7]! & 0x80) === 0) return undefined;
  return (header[9]! & 0x0e) * 2 ** 29 + header[10]! * 2 ** 22 + (header[11]! & 0xfe) * 2 ** 14 + header[12]! * 2 ** 7 + (header[13]! >> 1);
}

/**
 * Checks that `segment` can be fetched and played on its own, as RFC 8216
 * §3.2 asks of a Transport Stream segment: whole packets, each with its sync
 * byte, and a PAT and PMT before any media packet (a player that seeks
 * straight to this byte range knows no PIDs otherwise). Returns the first PES
 * of each elementary stream the PMT lists, in PMT order.
 */
export function inspectTsSegment(segment: Buffer): PesStart[] {
  if (segment.length === 0 || segment.length % TS_PACKET_BYTES !== 0) throw mediaError('hls_segment_invalid', `${segment.length} bytes is not whole packets`);
  let pmtPid: number | undefined;
  let streams: Array<{ pid: number; streamType: number }> | undefined;
  const firsts = new Map<number, { header: Buffer; chunks: Buffer[]; kept: number; done: boolean }>();
  let open = 0;
  for (let offset = 0; offset < segment.length; offset += TS_PACKET_BYTES) {
    if (segment[offset] !== SYNC) throw mediaError('hls_segment_invalid', `no sync byte at ${offset}`);
    const pid = ((segment[offset + 1]! & 0x1f) << 8) | segment[offset + 2]!;
    const unitStart = (segment[offset + 1]! & 0x40) !== 0;
    const first = firsts.get(pid);
    // Past every stream's first PES only the sync bytes are left to check: no Buffer per packet.
    if (streams && first?.done && open === 0) continue;
    if (NON_MEDIA_PIDS.has(pid)) continue;
    const packet = segment.subarray(offset, offset + TS_PACKET_BYTES);
    if (pid === PAT_PID) {
      const programs = section(packet, 0x00);
      for (let i = 0; i + 4 <= programs.length && pmtPid === undefined; i += 4) {
        if (programs.readUInt16BE(i) !== 0) pmtPid = programs.readUInt16BE(i + 2) & 0x1fff;
      }
      continue;
    }
    if (pid === pmtPid) {
      if (streams) continue;
      const body = section(packet, 0x02);
      const found: Array<{ pid: number; streamType: number }> = [];
      for (let i = 4 + (body.readUInt16BE(2) & 0x0fff); i + 5 <= body.length; i += 5 + (body.readUInt16BE(i + 3) & 0x0fff)) {
        found.push({ streamType: body[i]!, pid: body.readUInt16BE(i + 1) & 0x1fff });
      }
      streams = found;
      continue;
    }
    if (!streams) throw mediaError('hls_segment_invalid', `PID 0x${pid.toString(16)} at ${offset} comes before the PAT and PMT`);
    const start = payloadStart(packet);
    if (unitStart) {
      if (first) {
        if (!first.done) open--;
        first.done = true;
        continue;
      }
      const pes = packet.subarray(start);
      if (pes.length < 9 || pes[0] !== 0 || pes[1] !== 0 || pes[2] !== 1) throw mediaError('hls_segment_invalid', `no PES header at ${offset}`);
      const chunk = pes.subarray(9 + pes[8]!);
      firsts.set(pid, { header: pes, chunks: [chunk], kept: chunk.length, done: false });
      open++;
    } else if (!first) {
      throw mediaError('hls_segment_invalid', `PID 0x${pid.toString(16)} continues a PES from before the segment at ${offset}`);
    } else if (!first.done && first.kept < PAYLOAD_KEPT) {
      const chunk = packet.subarray(start);
      first.chunks.push(chunk);
      first.kept += chunk.length;
    }
  }
  if (!streams) throw mediaError('hls_segment_invalid', 'no PAT and PMT');
  return streams.flatMap(({ pid, streamType }) => {
    const first = firsts.get(pid);
    return first ? [{ pid, streamType, pts: pts(first.header), payload: Buffer.concat(first.chunks).subarray(0, PAYLOAD_KEPT) }] : [];
  });
}

/** The first ADTS header of an AAC payload (ISO/IEC 13818-7 §6.2): object type, rate and channels. */
export function adtsOf(payload: Buffer): { objectType: number; sampleRate: number; channels: number } | undefined {
  const RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
  if (payload.length < 7 || payload[0] !== 0xff || (payload[1]! & 0xf6) !== 0xf0) return undefined;
  const sampleRate = RATES[(payload[2]! >> 2) & 0x0f];
  if (sampleRate === undefined) return undefined;
  return { objectType: (payload[2]! >> 6) + 1, sampleRate, channels: ((payload[2]! & 1) << 2) | (payload[3]! >> 6) };
}
