/**
 * Shows an SVG QR code as an image. An <img> never runs script inside the SVG
 * and needs no inline style, so the CSP (img-src data:) holds.
 */
export function QrImage({ svg, label, size = 220 }: { svg: string; label: string; size?: number }) {
  return <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} width={size} height={size} />;
}
