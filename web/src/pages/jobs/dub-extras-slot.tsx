/**
 * Where the job page of a dub will show its QA report (GET /api/jobs/:id/qa)
 * and the QR code that opens it on a phone (GET /api/jobs/:id/qrcode), both
 * part of issue 15 and built beside this page. Empty until then: the page
 * already places it, so adding them changes this file alone.
 */
export function DubQaAndQrSlot(_props: { jobId: string }) {
  return null;
}
