/**
 * A generated picture or clip: MP4 and WebM play in <video>; an animated WebP
 * or GIF is a picture to the browser. A thumbnail's clip shows its first
 * frame, muted, without controls (the button around it opens it).
 */
export function OutputMedia({ src, format, alt, thumbnail = false }: { src: string; format: string; alt: string; thumbnail?: boolean }) {
  if (format === 'mp4' || format === 'webm') return <video src={src} controls={!thumbnail} muted={thumbnail} playsInline preload="metadata" aria-label={alt || undefined} className="output-media" />;
  return <img src={src} alt={alt} loading="lazy" className="output-media" />;
}
