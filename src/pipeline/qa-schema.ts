import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { QA_CHECKS, type QaCode } from './qa.js';

/**
 * `qa.json` as a route declares it: the single source of the report's wire
 * shape for validation and OpenAPI. qa.test.ts checks that what
 * `buildQaReport` makes passes it, so the two cannot drift apart.
 */

const codes = Object.keys(QA_CHECKS) as QaCode[];
const Nullable = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()]);
const Measured = (description: string) => Nullable(Type.Number({ description }));

export const QaCodeSchema = Type.Enum(codes, { description: 'A check\'s code (docs/qa.md).' });

export const QaFindingSchema = Type.Object(
  {
    code: QaCodeSchema,
    severity: Type.Union([Type.Literal('failure'), Type.Literal('warning')]),
    segment: Type.Union([Type.String(), Type.Null()], { description: 'The segment id; null for a finding about the whole programme.' }),
    message: Type.String(),
    value: Measured('What was measured; null where there is no number.'),
    threshold: Measured('The limit it crossed.'),
  },
  { additionalProperties: false },
);

export const QaSegmentSchema = Type.Object(
  {
    id: Type.String(),
    start_ms: Type.Number(),
    end_ms: Type.Number(),
    tempo: Measured('Speed-up applied to fit the slot (1 = none); null before fitting.'),
    overflow_ms: Measured('How far the fitted clip runs past its slot, ms.'),
    clip_ms: Measured('The fitted clip\'s length, ms; null without a clip.'),
    peak_db: Measured('Sample peak, dBFS; null for silence or without a clip.'),
    rms_db: Measured('RMS level, dBFS; null for silence or without a clip.'),
    flat_factor: Measured('astats flat factor, dB.'),
    peak_count: Measured('Samples at the extreme values.'),
    clipping: Type.Boolean(),
    silent: Type.Boolean(),
    too_short: Type.Boolean(),
    untranslated: Type.Boolean(),
    length_ratio: Measured('Target / source spoken length (weighted characters); null without a source text.'),
    findings: Type.Array(QaFindingSchema),
  },
  { additionalProperties: false },
);

export const QaReport = Type.Object(
  {
    segments: Type.Array(QaSegmentSchema),
    overall: Type.Object(
      {
        integrated_lufs: Measured('EBU R 128 integrated loudness of the dub track, LUFS.'),
        true_peak_dbtp: Measured('True peak of the dub track, dBTP; null for silence.'),
        loudness_range_lu: Measured('Loudness range, LU.'),
        target_lufs: Measured('The loudness the dub was normalised to.'),
        max_tempo: Measured('The highest tempo any line was sped up to.'),
        tempo_cap: Type.Number({ description: 'The dub\'s tempo limit.' }),
        drift_ms: Type.Number({ description: 'Largest start or end difference between the dub\'s audio and the video, ms.' }),
        counts: Type.Object(Object.fromEntries(codes.map((code) => [code, Type.Optional(Type.Integer({ minimum: 1 }))])), { additionalProperties: false }),
        failures: Type.Integer({ minimum: 0 }),
        warnings: Type.Integer({ minimum: 0 }),
        findings: Type.Array(QaFindingSchema, { description: 'Findings about the whole programme (segment null).' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'A dub\'s QA report (qa.json).' },
);

export type QaReportBody = Static<typeof QaReport>;

/** The largest qa.json the worker accepts from a job process (5,000 lines with findings fit well inside). */
export const MAX_QA_REPORT_BYTES = 32 * 1024 * 1024;

const checker = Compile(QaReport);

/** Whether a parsed qa.json fits the report's schema. */
export const isQaReport = (value: unknown): value is QaReportBody => checker.Check(value);
