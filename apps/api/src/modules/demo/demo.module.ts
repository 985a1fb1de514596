import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { ReportsModule } from '../reports/reports.module';
import { SystemModule } from '../system/system.module';
import { DemoSeedService } from './demo-seed.service';

/** Seeds the demo (first start with the embedded database, or `atlas seed`). */
@Module({
  imports: [AgenciesModule, ReportsModule, SystemModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
