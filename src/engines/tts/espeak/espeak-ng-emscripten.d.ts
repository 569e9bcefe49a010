/**
 * The part of @echogarden/espeak-ng-emscripten (GPL-3.0, an optional
 * dependency without its own types) that the voice program uses. Declared
 * here so the type check passes whether or not the package is installed.
 * Only voice-process.ts may import it (see README.md).
 */
declare module '@echogarden/espeak-ng-emscripten' {
  export interface EspeakVoice {
    readonly identifier: string;
    readonly name: string;
    /** Lower-case language names; a smaller `priority` is a better match. */
    readonly languages: readonly { readonly priority: number; readonly name: string }[];
  }

  export interface ESpeakNGWorker {
    /** 0 on success. */
    set_voice(voice: string): number;
    set_rate(wordsPerMinute: number): number;
    get_samplerate(): number;
    list_voices(): EspeakVoice[];
    /** Calls `onAudio` with each block of 16-bit mono PCM; returning true aborts synthesis. */
    synthesize(text: string, onAudio: (samples: Int16Array, events: unknown[]) => boolean): void;
  }

  export interface EspeakModule {
    readonly eSpeakNGWorker: new () => ESpeakNGWorker;
  }

  /** Emscripten's module overrides: where its own output goes. */
  export interface EspeakModuleOptions {
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }

  export default function init(options?: EspeakModuleOptions): Promise<EspeakModule>;
}
