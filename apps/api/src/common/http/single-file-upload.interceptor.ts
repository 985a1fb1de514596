import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { sharedMemoryStorage } from './shared-memory-storage';

/** A file of a multipart upload as multer hands it over (in memory, shared or not). */
export interface UploadedFileInMemory {
  readonly originalname: string;
  readonly size: number;
  readonly buffer: Buffer;
}

export interface SingleFileUploadOptions {
  /** Largest file (and, for pasted text sent as a field, largest field). */
  readonly maxBytes: number;
  readonly tooLarge: () => HttpException;
  /** A body with another field than `file`; defaults to `malformed`. */
  readonly missingFile?: () => HttpException;
  /** Anything else multer or busboy refuses: a broken or unexpected body. */
  readonly malformed: () => HttpException;
  /**
   * The file in a SharedArrayBuffer filled as it arrives (`shared-memory-storage.ts`), for files
   * a worker thread reads; otherwise multer's memory storage.
   */
  readonly sharedMemory?: boolean;
}

/**
 * Receives the `file` field of a multipart upload in memory; requests that are not multipart
 * pass untouched. Multer's refusals are English ("File too large", "Unexpected field"); each
 * context gives them its own codes and Chinese messages through the options.
 */
export abstract class SingleFileUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  protected constructor(private readonly options: SingleFileUploadOptions) {
    const MulterSingleFile = FileInterceptor('file', {
      ...(options.sharedMemory ? { storage: sharedMemoryStorage(options.maxBytes) } : {}),
      // Browsers send file names as raw UTF-8; busboy's default latin1 garbles Chinese names.
      defParamCharset: 'utf8',
      limits: { fileSize: options.maxBytes, fieldSize: options.maxBytes, files: 1, fields: 10 },
    });
    this.multer = new MulterSingleFile();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException || hasMessage(error, /Field value too long/))
        throw this.options.tooLarge();
      if (hasMessage(error, /Unexpected field/))
        throw (this.options.missingFile ?? this.options.malformed)();
      if (error instanceof HttpException && error.getStatus() >= 500) throw error;
      throw this.options.malformed();
    }
  }
}

function hasMessage(error: unknown, pattern: RegExp): boolean {
  return error instanceof HttpException && pattern.test(error.message);
}
