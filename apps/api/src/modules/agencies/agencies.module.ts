import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyImportFileInterceptor } from './agency-import-file.interceptor';
import { AgencyEntity } from './entities/agency.entity';

/** The tree of reporting units. Other modules use AgenciesService only (visibility, lookups). */
@Module({
  imports: [TypeOrmModule.forFeature([AgencyEntity])],
  controllers: [AgenciesController],
  providers: [AgenciesService, AgencyImportFileInterceptor],
  exports: [AgenciesService],
})
export class AgenciesModule {}
