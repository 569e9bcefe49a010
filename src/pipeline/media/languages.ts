/**
 * BCP 47 primary language → ISO 639-2/T, the code MP4's `mdhd` box carries
 * (ISO/IEC 14496-12). Common dub targets only; anything else is `und`, which
 * players show as "unknown" rather than as a wrong language.
 */
const ISO_639_2: Record<string, string> = {
  ar: 'ara', bg: 'bul', bn: 'ben', ca: 'cat', cs: 'ces', da: 'dan', de: 'deu', el: 'ell', en: 'eng', es: 'spa',
  et: 'est', fa: 'fas', fi: 'fin', fil: 'fil', fr: 'fra', he: 'heb', hi: 'hin', hr: 'hrv', hu: 'hun', id: 'ind',
  it: 'ita', ja: 'jpn', ko: 'kor', lt: 'lit', lv: 'lav', ms: 'msa', nb: 'nob', nl: 'nld', nn: 'nno', no: 'nor',
  pl: 'pol', pt: 'por', ro: 'ron', ru: 'rus', sk: 'slk', sl: 'slv', sr: 'srp', sv: 'swe', ta: 'tam', te: 'tel',
  th: 'tha', tl: 'tgl', tr: 'tur', uk: 'ukr', ur: 'urd', vi: 'vie', yue: 'yue', zh: 'zho',
};
const KNOWN = new Set(Object.values(ISO_639_2));
/** 639-2/B spellings some files carry, folded to /T so one language has one code. */
const BIBLIOGRAPHIC: Record<string, string> = { chi: 'zho', cze: 'ces', dut: 'nld', fre: 'fra', ger: 'deu', gre: 'ell', per: 'fas', rum: 'ron', slo: 'slk', may: 'msa' };

/** `ja`, `pt-BR`, `zh-Hant-TW` → `jpn`, `por`, `zho`; a tag already in three letters passes if it is known. */
export function iso639Of(tag: string | undefined): string {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(primary)) return 'und';
  const code = ISO_639_2[primary] ?? BIBLIOGRAPHIC[primary] ?? primary;
  return KNOWN.has(code) ? code : 'und';
}

/** ISO 639-2/T → the ISO 639-1 code BCP 47 must use instead where one exists (RFC 5646 §2.2.1). */
const TWO_LETTER: Record<string, string> = Object.fromEntries(
  Object.entries(ISO_639_2)
    .filter(([primary]) => primary.length === 2)
    .map(([primary, code]) => [code, primary]),
);

/**
 * A language for places that want BCP 47, such as HLS's `LANGUAGE`
 * (RFC 8216 §4.3.4.1): `pt-BR` stays, an MP4 tag such as `jpn` (or `fre`)
 * becomes `ja` (`fr`); `und`, empty or malformed gives `undefined`, so no
 * wrong language is claimed. The result has only letters, digits and `-`, so
 * it is safe inside a quoted playlist attribute.
 */
export function bcp47Of(tag: string | undefined): string | undefined {
  const trimmed = (tag ?? '').trim();
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(trimmed)) return undefined;
  const [primary = '', ...rest] = trimmed.split('-');
  const lower = primary.toLowerCase();
  if (lower === 'und') return undefined;
  const folded = lower.length === 3 ? (TWO_LETTER[BIBLIOGRAPHIC[lower] ?? lower] ?? BIBLIOGRAPHIC[lower] ?? lower) : lower;
  return [folded, ...rest].join('-');
}
