import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../common/runtime';
import { malformedMultipart, uploadTooLarge } from './report.errors';

/** The uploaded file as multer (memory storage) hands it over. */
export interface UploadedReportFile {
  readonly originalname: string;
  readonly size: number;
  readonly buffer: Buffer;
}

/**
 * Receives the `file` field of a multipart upload in memory, at most ATLAS_UPLOAD_LIMIT_MB.
 * Requests that are not multipart (pasted text as JSON) pass untouched. Multer's refusals are
 * English ("File too large", "Unexpected end of form"); this gives them codes and Chinese messages.
 */
@Injectable()
export class ReportUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const MulterSingleFile = FileInterceptor('file', {
      // Browsers send file names as raw UTF-8; busboy's default latin1 garbles Chinese names.
      defParamCharset: 'utf8',
      limits: {
        fileSize: config.uploadLimitBytes,
        fieldSize: config.uploadLimitBytes,
        files: 1,
        fields: 10,
      },
    });
    this.multer = new MulterSingleFile();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException || isFieldTooLong(error)) {
        throw uploadTooLarge(this.config.uploadLimitBytes);
      }
      // Everything else multer or busboy refuses is a broken or unexpected request body.
      if (error instanceof HttpException && error.getStatus() >= 500) throw error;
      throw malformedMultipart();
    }
  }
}

/** Pasted text sent as a multipart field rather than a file: multer says "Field value too long". */
function isFieldTooLong(error: unknown): boolean {
  return error instanceof HttpException && /Field value too long/.test(error.message);
}
