/**
 * Content-Disposition for a download (RFC 6266): the real, often Chinese, name as RFC 5987
 * `filename*`, and an ASCII `filename` for old clients — `asciiName` when there is a readable
 * one (an export's English name), else the name with its other characters replaced.
 */
export function attachmentDisposition(fileName: string, asciiName?: string): string {
  const fallback = (asciiName ?? fileName).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
