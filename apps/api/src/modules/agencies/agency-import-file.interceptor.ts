import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import {
  AGENCY_IMPORT_MAX_BYTES,
  agencyImportFileMissing,
  agencyImportTooLarge,
} from './agency.errors';

const MulterSingleFile = FileInterceptor('file', {
  limits: { fileSize: AGENCY_IMPORT_MAX_BYTES, files: 1 },
});

/** The uploaded file as multer (memory storage) hands it over. */
export interface UploadedImportFile {
  readonly originalname: string;
  readonly size: number;
  readonly buffer: Buffer;
}

/**
 * Receives the `file` field in memory. Multer's own refusals are English ("File too large",
 * "Unexpected field"); this gives them the module's codes and Chinese messages.
 */
@Injectable()
export class AgencyImportFileInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor = new MulterSingleFile();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw agencyImportTooLarge();
      if (error instanceof BadRequestException) throw agencyImportFileMissing();
      throw error;
    }
  }
}
