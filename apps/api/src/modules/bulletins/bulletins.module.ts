import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics';
import { AuditModule } from '../audit';
import { RectificationModule } from '../rectification';
import { BulletinsController } from './bulletins.controller';
import { BulletinsService } from './bulletins.service';

/**
 * 通报: documents built from other contexts' answers (analytics; rectification notices). Owns
 * no table.
 */
@Module({
  imports: [AnalyticsModule, AuditModule, RectificationModule],
  controllers: [BulletinsController],
  providers: [BulletinsService],
  exports: [BulletinsService],
})
export class BulletinsModule {}
