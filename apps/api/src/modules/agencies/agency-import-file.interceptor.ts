import { Injectable } from '@nestjs/common';
import {
  SingleFileUploadInterceptor,
  type UploadedFileInMemory,
} from '../../common/http/single-file-upload.interceptor';
import {
  AGENCY_IMPORT_MAX_BYTES,
  agencyImportFileMissing,
  agencyImportTooLarge,
} from './agency.errors';

export type UploadedImportFile = UploadedFileInMemory;

/** The CSV/XLSX of an agency import, at most AGENCY_IMPORT_MAX_BYTES. */
@Injectable()
export class AgencyImportFileInterceptor extends SingleFileUploadInterceptor {
  constructor() {
    super({
      maxBytes: AGENCY_IMPORT_MAX_BYTES,
      tooLarge: agencyImportTooLarge,
      malformed: agencyImportFileMissing,
    });
  }
}
