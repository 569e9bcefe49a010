/**
 * More files than this from one prompt is not a template Sakuga ships or
 * accepts. Its own module: the job process's protocol checks import it, and
 * they must load nothing heavy (no TypeBox, no socket library).
 */
export const MAX_OUTPUT_FILES = 32;
