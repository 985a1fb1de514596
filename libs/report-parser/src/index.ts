export * from './lib/document';
export { detectFormat } from './lib/detect-format';
export { interpretDocument, parseReport, readDocument, type ParsedReport, type ParseOptions } from './lib/parse-report';
export * from './lib/provenance';
export { assertZipUnpacksWithin, type ZipFormatMessages } from './lib/readers/zip';
