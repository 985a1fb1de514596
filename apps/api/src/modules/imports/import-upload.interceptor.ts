import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { importFileMissing, importMalformedMultipart, importUploadTooLarge } from './import.errors';

/** The largest zip one import accepts; what it may unpack to is limited apart (ArchiveLimits). */
export const IMPORT_MAX_ARCHIVE_BYTES = 100 * 1024 * 1024;

const MulterSingleFile = FileInterceptor('file', {
  // Browsers send file names as raw UTF-8; busboy's default latin1 garbles Chinese names.
  defParamCharset: 'utf8',
  limits: { fileSize: IMPORT_MAX_ARCHIVE_BYTES, files: 1, fields: 10 },
});

/** The uploaded zip as multer (memory storage) hands it over. */
export interface UploadedArchive {
  readonly originalname: string;
  readonly size: number;
  readonly buffer: Buffer;
}

/**
 * Receives the `file` field of a multipart upload in memory. Multer's refusals are English
 * ("File too large", "Unexpected field"); this gives them codes and Chinese messages.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor = new MulterSingleFile();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw importUploadTooLarge(IMPORT_MAX_ARCHIVE_BYTES);
      if (error instanceof BadRequestException && /Unexpected field/.test(error.message)) {
        throw importFileMissing();
      }
      if (error instanceof HttpException && error.getStatus() >= 500) throw error;
      throw importMalformedMultipart();
    }
  }
}
