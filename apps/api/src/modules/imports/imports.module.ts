import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies';
import { ReportsModule } from '../reports';
import { IMPORT_ENTITIES } from './entities';
import { ImportQueue } from './import-queue.service';
import { ImportRunner } from './import-runner.service';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/**
 * Bulk imports of many reports at once: a zip in, a background job (pg-boss) that uploads every
 * file through ReportsService as the job's creator, and the job's progress out. Users come from
 * the (global) auth module's UsersService, audit from the global AuditService.
 */
@Module({
  imports: [TypeOrmModule.forFeature(IMPORT_ENTITIES), AgenciesModule, ReportsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner, ImportQueue, ImportUploadInterceptor],
})
export class ImportsModule {}
