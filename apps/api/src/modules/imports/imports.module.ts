import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies';
import { ReportsModule } from '../reports';
import { IMPORT_ENTITIES } from './entities';
import { ImportPreviewsService } from './import-previews.service';
import { ImportQueue } from './import-queue.service';
import { ImportResolver } from './import-resolver';
import { ImportRunner } from './import-runner.service';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/**
 * Bulk imports of many reports at once: a zip in (read once by a preview, then confirmed, or
 * imported directly), a background job (pg-boss) that uploads every
 * file through ReportsService as the job's creator, and the job's progress out. Users come from
 * the (global) auth module's UsersService, audit from the global AuditService.
 */
@Module({
  imports: [TypeOrmModule.forFeature(IMPORT_ENTITIES), AgenciesModule, ReportsModule],
  controllers: [ImportsController],
  providers: [
    ImportsService,
    ImportPreviewsService,
    ImportResolver,
    ImportRunner,
    ImportQueue,
    ImportUploadInterceptor,
  ],
})
export class ImportsModule {}
