/**
 * Whisper names languages in English words ("japanese") in `verbose_json`;
 * Sakuga speaks ISO 639-1 codes. The table is Whisper's own language list
 * (openai/whisper tokenizer.py).
 */
const WHISPER_LANGUAGES =
  'en:english zh:chinese de:german es:spanish ru:russian ko:korean fr:french ja:japanese pt:portuguese tr:turkish pl:polish ca:catalan nl:dutch ' +
  'ar:arabic sv:swedish it:italian id:indonesian hi:hindi fi:finnish vi:vietnamese he:hebrew uk:ukrainian el:greek ms:malay cs:czech ro:romanian ' +
  'da:danish hu:hungarian ta:tamil no:norwegian th:thai ur:urdu hr:croatian bg:bulgarian lt:lithuanian la:latin mi:maori ml:malayalam cy:welsh ' +
  'sk:slovak te:telugu fa:persian lv:latvian bn:bengali sr:serbian az:azerbaijani sl:slovenian kn:kannada et:estonian mk:macedonian br:breton ' +
  'eu:basque is:icelandic hy:armenian ne:nepali mn:mongolian bs:bosnian kk:kazakh sq:albanian sw:swahili gl:galician mr:marathi pa:punjabi ' +
  'si:sinhala km:khmer sn:shona yo:yoruba so:somali af:afrikaans oc:occitan ka:georgian be:belarusian tg:tajik sd:sindhi gu:gujarati am:amharic ' +
  'yi:yiddish lo:lao uz:uzbek fo:faroese ht:haitian_creole ps:pashto tk:turkmen nn:nynorsk mt:maltese sa:sanskrit lb:luxembourgish my:myanmar ' +
  'bo:tibetan tl:tagalog mg:malagasy as:assamese tt:tatar haw:hawaiian ln:lingala ha:hausa ba:bashkir jw:javanese su:sundanese yue:cantonese';

const BY_NAME = new Map(WHISPER_LANGUAGES.split(' ').map((pair) => pair.split(':').reverse() as [string, string]));
const CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** An ISO 639 code for what an engine said, or undefined when it is neither a code nor a Whisper name. */
export function languageCode(said: string | undefined): string | undefined {
  if (said === undefined) return undefined;
  const text = said.trim().toLowerCase().replace(/ /g, '_');
  if (BY_NAME.has(text)) return BY_NAME.get(text);
  return CODE.test(said.trim()) ? said.trim() : undefined;
}
