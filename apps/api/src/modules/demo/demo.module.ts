import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies';
import { RectificationModule } from '../rectification';
import { ReportsModule } from '../reports';
import { SystemModule } from '../system';
import { DemoSeedService } from './demo-seed.service';

/** Seeds the demo (first start with the embedded database, or `atlas seed`). */
@Module({
  imports: [AgenciesModule, RectificationModule, ReportsModule, SystemModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
