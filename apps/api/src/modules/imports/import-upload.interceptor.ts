import { Injectable } from '@nestjs/common';
import {
  SingleFileUploadInterceptor,
  type UploadedFileInMemory,
} from '../../common/http/single-file-upload.interceptor';
import { importFileMissing, importMalformedMultipart, importUploadTooLarge } from './import.errors';

/** The largest zip one import accepts; what it may unpack to is limited apart (ArchiveLimits). */
export const IMPORT_MAX_ARCHIVE_BYTES = 100 * 1024 * 1024;

export type UploadedArchive = UploadedFileInMemory;

/** The zip of a bulk import, at most IMPORT_MAX_ARCHIVE_BYTES. */
@Injectable()
export class ImportUploadInterceptor extends SingleFileUploadInterceptor {
  constructor() {
    super({
      maxBytes: IMPORT_MAX_ARCHIVE_BYTES,
      tooLarge: () => importUploadTooLarge(IMPORT_MAX_ARCHIVE_BYTES),
      missingFile: importFileMissing,
      malformed: importMalformedMultipart,
    });
  }
}
