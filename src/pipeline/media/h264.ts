import { mediaError } from './errors.js';

/** What a player needs to know of an H.264 stream before it fetches a segment. */
export interface SpsInfo {
  readonly profileIdc: number;
  /** The byte after `profile_idc`: constraint_set0..5 flags and two reserved bits. */
  readonly constraintFlags: number;
  readonly levelIdc: number;
  /** Displayed size: coded macroblocks less the frame cropping. */
  readonly width: number;
  readonly height: number;
}

/** Profiles whose SPS carries chroma format, bit depth and scaling lists (ITU-T H.264 §7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Exp-Golomb reader over an RBSP (emulation prevention bytes already removed). */
class BitReader {
  private bit = 0;
  constructor(private readonly bytes: Buffer) {}

  u(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.bytes[this.bit >> 3];
      if (byte === undefined) throw mediaError('hls_video_unreadable', 'the SPS ends early');
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return value;
  }

  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) {
      if (++zeros > 31) throw mediaError('hls_video_unreadable', 'an SPS value does not fit 32 bits');
    }
    return 2 ** zeros - 1 + this.u(zeros);
  }

  se(): number {
    const value = this.ue();
    return value % 2 === 1 ? (value + 1) / 2 : -value / 2;
  }
}

/** The NAL's payload without its `00 00 03` emulation prevention bytes (§7.4.1). */
function rbsp(nal: Buffer): Buffer {
  const out: number[] = [];
  let zeros = 0;
  for (const byte of nal) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}

/** The NAL units of an Annex B byte stream (start codes `00 00 01` / `00 00 00 01`). */
export function nalUnits(stream: Buffer): Buffer[] {
  const starts: number[] = [];
  for (let i = 0; i + 2 < stream.length; i++) {
    if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
      starts.push(i + 3);
      i += 2;
    }
  }
  return starts.map((start, index) => {
    let end = index + 1 < starts.length ? starts[index + 1]! - 3 : stream.length;
    while (end > start && stream[end - 1] === 0) end--;
    return stream.subarray(start, end);
  });
}

/**
 * Reads a sequence parameter set (a whole NAL, header byte included) as far
 * as the frame size: profile, constraints and level for the `avc1` codec
 * string, and the cropped size for `RESOLUTION`. The stream's own SPS is the
 * authority here: the job process has no ffprobe to ask.
 */
export function parseSps(nal: Buffer): SpsInfo {
  if (nal.length < 4 || (nal[0]! & 0x1f) !== 7) throw mediaError('hls_video_unreadable', 'not an SPS NAL unit');
  const bits = new BitReader(rbsp(nal.subarray(1)));
  const profileIdc = bits.u(8);
  const constraintFlags = bits.u(8);
  const levelIdc = bits.u(8);
  bits.ue(); // seq_parameter_set_id
  let chromaFormatIdc = 1;
  let separateColourPlane = 0;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = bits.ue();
    if (chromaFormatIdc === 3) separateColourPlane = bits.u(1);
    bits.ue(); // bit_depth_luma_minus8
    bits.ue(); // bit_depth_chroma_minus8
    bits.u(1); // qpprime_y_zero_transform_bypass_flag
    if (bits.u(1) === 1) {
      // Scaling lists are skipped, but they must be walked to reach the size (§7.3.2.1.1.1).
      for (let list = 0; list < (chromaFormatIdc === 3 ? 12 : 8); list++) {
        if (bits.u(1) === 0) continue;
        const size = list < 6 ? 16 : 64;
        for (let j = 0, last = 8, next = 8; j < size && next !== 0; j++) {
          next = (last + bits.se() + 256) % 256;
          last = next === 0 ? last : next;
        }
      }
    }
  }
  bits.ue(); // log2_max_frame_num_minus4
  const pocType = bits.ue();
  if (pocType === 0) bits.ue();
  else if (pocType === 1) {
    bits.u(1);
    bits.se();
    bits.se();
    const cycle = bits.ue();
    for (let i = 0; i < cycle; i++) bits.se();
  }
  bits.ue(); // max_num_ref_frames
  bits.u(1); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = bits.ue() + 1;
  const heightMapUnits = bits.ue() + 1;
  const frameMbsOnly = bits.u(1);
  if (frameMbsOnly === 0) bits.u(1); // mb_adaptive_frame_field_flag
  bits.u(1); // direct_8x8_inference_flag
  let crop = { left: 0, right: 0, top: 0, bottom: 0 };
  if (bits.u(1) === 1) crop = { left: bits.ue(), right: bits.ue(), top: bits.ue(), bottom: bits.ue() };
  // Crop units (§7.4.2.1.1, Table 6-1): chroma subsampling across, and field pairs down when interlaced.
  const chroma = separateColourPlane === 1 ? 0 : chromaFormatIdc;
  const cropX = chroma === 1 || chroma === 2 ? 2 : 1;
  const cropY = (chroma === 1 ? 2 : 1) * (2 - frameMbsOnly);
  return {
    profileIdc,
    constraintFlags,
    levelIdc,
    width: widthMbs * 16 - cropX * (crop.left + crop.right),
    height: (2 - frameMbsOnly) * heightMapUnits * 16 - cropY * (crop.top + crop.bottom),
  };
}

/** The first SPS in an Annex B access unit, read; `undefined` when it has none. */
export function spsOf(accessUnit: Buffer): SpsInfo | undefined {
  const nal = nalUnits(accessUnit).find((unit) => unit.length > 0 && (unit[0]! & 0x1f) === 7);
  return nal && parseSps(nal);
}

/** Whether an Annex B access unit holds an IDR slice (NAL type 5): a segment that starts with one decodes on its own. */
export function hasIdrSlice(accessUnit: Buffer): boolean {
  return nalUnits(accessUnit).some((unit) => unit.length > 0 && (unit[0]! & 0x1f) === 5);
}

/** RFC 6381 §3.3 `avc1.PPCCLL`: profile_idc, the constraint byte and level_idc, in hex. */
export function avc1Codec(sps: SpsInfo): string {
  const hex = (value: number) => value.toString(16).padStart(2, '0');
  return `avc1.${hex(sps.profileIdc)}${hex(sps.constraintFlags)}${hex(sps.levelIdc)}`;
}
