import {
  buildDocx,
  SeededRandom,
  withDeclaredSize,
} from '@atlas/report-samples';

/**
 * Inputs that are not (readable) reports, built in memory and deterministically: seeded random
 * bytes, hand-written PDFs (one encrypted), zip bombs, an old binary Office header.
 */

/** `length` random bytes from a seed (xorshift), so a failure can be reproduced. */
export function seededBytes(length: number, seed: number): Uint8Array {
  return new SeededRandom(seed).bytes(length);
}

/** A PDF from object bodies (1-based object numbers in order), with a correct xref table. */
export function buildPdf(objects: string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** Objects 1–5 of a one-page PDF showing `content` (a content stream) in Helvetica. */
export function onePagePdfObjects(content: string): string[] {
  return [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
}

/**
 * A PDF encrypted with the standard security handler (user password set): object 6 is the
 * /Encrypt dictionary with random O and U strings, so no empty password opens it.
 */
export function encryptedPdf(seed = 7): Uint8Array {
  const hex = (offset: number) => Buffer.from(seededBytes(32, seed + offset)).toString('hex');
  return buildPdf(
    [
      ...onePagePdfObjects('BT /F1 12 Tf 72 700 Td (2023 annual report) Tj ET'),
      `<< /Filter /Standard /V 1 /R 2 /O <${hex(0)}> /U <${hex(1)}> /P -4 >>`,
    ],
    `/Encrypt 6 0 R /ID [<${hex(2).slice(0, 32)}> <${hex(2).slice(0, 32)}>] `,
  );
}

/**
 * A DOCX whose document.xml unpacks to about `unpackedBytes` (one paragraph of 公开 repeated) but
 * compresses to a few kilobytes; with `lie`, the zip's headers declare it 1000 bytes.
 */
export function docxZipBomb(unpackedBytes: number, lie = false): Uint8Array {
  const text = '公开'.repeat(Math.ceil(unpackedBytes / 6));
  const docx = buildDocx([
    { paragraph: '南江市生态环境局2023年政府信息公开工作年度报告' },
    { paragraph: text },
  ]);
  return lie ? withDeclaredSize(docx, 'word/document.xml', 1000) : docx;
}

/** The first bytes of an OLE compound file (.doc/.xls before 2007), then random bytes. */
export function oleDocument(seed = 11): Uint8Array {
  const bytes = seededBytes(8192, seed);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0]);
  return bytes;
}

/** `length` bytes that start with `head` (text) and continue with `fill`. */
export function paddedBytes(head: string, length: number, fill = 0x20): Uint8Array {
  const bytes = new Uint8Array(length).fill(fill);
  bytes.set(new TextEncoder().encode(head));
  return bytes;
}
