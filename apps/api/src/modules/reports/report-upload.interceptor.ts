import { Inject, Injectable } from '@nestjs/common';
import {
  SingleFileUploadInterceptor,
  type UploadedFileInMemory,
} from '../../common/http/single-file-upload.interceptor';
import { APP_CONFIG, type AppConfig } from '../../common/runtime';
import { malformedMultipart, uploadTooLarge } from './report.errors';

export type UploadedReportFile = UploadedFileInMemory;

/**
 * A report file, at most ATLAS_UPLOAD_LIMIT_MB; pasted text sent as JSON passes untouched, and
 * pasted text sent as a multipart field is held to the same limit.
 */
@Injectable()
export class ReportUploadInterceptor extends SingleFileUploadInterceptor {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      maxBytes: config.uploadLimitBytes,
      tooLarge: () => uploadTooLarge(config.uploadLimitBytes),
      malformed: malformedMultipart,
      // The parse thread reads the file where it arrived, without a copy.
      sharedMemory: true,
    });
  }
}
