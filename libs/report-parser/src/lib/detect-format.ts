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
  if (looksBinary(bytes.subarray(0, 8192))) {
    throw new ParseError('UNSUPPORTED_TYPE', '无法识别的文件类型：不是文本、HTML、PDF、Word 或 Excel 文件', 'unrecognised file type: not text, HTML, PDF, Word or Excel');
  }
  const sample = decodeText(bytes.subarray(0, 8192)).text;
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (extension === 'htm' || extension === 'html' || /<(?:!doctype\s+html|html|body|table|div|p)[\s>]/i.test(sample)) return 'html';
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  return 'text';
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
