import { unzipSync } from 'fflate';
import { ParseError, type SourceFormat } from './document';
import { decodeText } from './readers/text-encoding';

const PDF_MAGIC = '%PDF-';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, index) => bytes[index] === byte);

/**
 * What kind of document the bytes are, from their content first and the file name second (an
 * upload named .txt that is really a PDF is read as a PDF).
 */
export function detectFormat(bytes: Uint8Array, fileName = ''): SourceFormat {
  if (isBlank(bytes)) throw new ParseError('EMPTY_FILE', '文件为空', 'the file is empty');
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes(PDF_MAGIC)) return 'pdf';
  if (startsWith(bytes, ZIP_MAGIC)) return zipFormat(bytes);
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new ParseError(
      'UNSUPPORTED_TYPE',
      '不支持旧版 Word/Excel 文件（.doc/.xls），请另存为 .docx/.xlsx 或 PDF 后上传',
      'old binary Word/Excel files (.doc/.xls) are not supported: save as .docx/.xlsx or PDF',
    );
  }
  const image = imageKind(bytes);
  if (image) {
    const extension = fileName.includes('.') ? fileName.toLowerCase().split('.').pop() : '';
    const named = extension ? `文件名是 .${extension}，但内容是 ${image} 图片` : `这是一张 ${image} 图片`;
    throw new ParseError(
      'UNSUPPORTED_TYPE',
      `${named}，不是报告文件：请上传报告的 PDF、Word（.docx）、Excel（.xlsx）、网页或文本文件；只有扫描图片时，请先转成带文字层的 PDF`,
      `the file is a ${image} image, not a report document: upload the report as PDF, DOCX, XLSX, HTML or text`,
    );
  }
  if (looksBinary(bytes.subarray(0, 8192))) {
    throw new ParseError('UNSUPPORTED_TYPE', '无法识别的文件类型：不是文本、HTML、PDF、Word 或 Excel 文件', 'unrecognised file type: not text, HTML, PDF, Word or Excel');
  }
  const sample = decodeText(bytes.subarray(0, 8192)).text;
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (extension === 'htm' || extension === 'html' || /<(?:!doctype\s+html|html|body|table|div|p)[\s>]/i.test(sample)) return 'html';
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  return 'text';
}

/** Image files agencies might pick by mistake (a photo or scan of the report), by their magic bytes. */
const IMAGE_MAGIC: readonly { kind: string; magic: readonly number[] }[] = [
  { kind: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  { kind: 'GIF', magic: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'BMP', magic: [0x42, 0x4d] },
  { kind: 'TIFF', magic: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'TIFF', magic: [0x4d, 0x4d, 0x00, 0x2a] },
];

function imageKind(bytes: Uint8Array): string | null {
  const known = IMAGE_MAGIC.find((image) => startsWith(bytes, image.magic));
  if (known) return known.kind;
  // RIFF....WEBP
  const webp = bytes.length > 12 && startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP';
  return webp ? 'WebP' : null;
}

/** Nothing but whitespace (ideographic and no-break spaces, a BOM included) counts as empty. */
function isBlank(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  if (bytes.length > 64 * 1024) return false; // a real document is never that much whitespace
  if (bytes.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09)) return true;
  return !looksBinary(bytes) && /^[\s\ufeff]*$/.test(decodeText(bytes).text);
}

function zipFormat(bytes: Uint8Array): SourceFormat {
  const names: string[] = [];
  try {
    // List the entries without inflating any of them.
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    throw new ParseError('CORRUPT_FILE', '文件已损坏：不是完整的 Word/Excel（zip）文件', 'the file is damaged: not a complete Word/Excel (zip) file');
  }
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  throw new ParseError('UNSUPPORTED_TYPE', '压缩包不是 Word（.docx）或 Excel（.xlsx）文件', 'the zip file is not a Word (.docx) or Excel (.xlsx) document');
}

/**
 * Control bytes other than whitespace do not occur in UTF-8, GBK or UTF-16-with-BOM text
 * (checked on the bytes: GB18030 would happily decode junk into characters).
 */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  let suspicious = 0;
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) suspicious++;
  }
  return suspicious > Math.max(2, bytes.length * 0.01);
}
