/**
 * The part of media-captions Sakuga uses. The package ships types whose
 * relative imports lack file extensions, which NodeNext resolution cannot
 * follow; this ambient declaration (taken first for a bare specifier) states
 * the same signatures.
 */
declare module 'media-captions' {
  export interface VTTCue {
    readonly startTime: number;
    readonly endTime: number;
    readonly text: string;
  }
  export interface ParseError {
    readonly message: string;
  }
  export interface ParsedCaptionsResult {
    readonly cues: VTTCue[];
    readonly errors: ParseError[];
  }
  export function parseText(text: string, options?: { type?: 'vtt' | 'srt' | 'ssa' | 'ass'; strict?: boolean; errors?: boolean }): Promise<ParsedCaptionsResult>;
}
