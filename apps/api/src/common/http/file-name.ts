/**
 * Control characters (C0, DEL, C1), invisible format characters — the bidi embeddings,
 * overrides and isolates such as U+202E that make `gpj.exe` display as `exe.jpg`, zero-width
 * spaces and joiners, the BOM — and the line and paragraph separators.
 */
const CONTROL_OR_INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

export function withoutInvisibles(text: string): string {
  return text.replace(CONTROL_OR_INVISIBLE, '');
}

/** A name safe to store and show: no folders, no control or invisible characters, not empty. */
export function storableFileName(name: string, fallback: string, maxLength: number): string {
  const base = withoutInvisibles(name.split(/[\\/]/).pop() ?? '').trim();
  return (base || fallback).slice(0, maxLength);
}
