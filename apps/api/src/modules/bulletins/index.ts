// The public surface of this module: the only file other modules and scripts import from it
// (lint rule atlas/api-module-surface; docs/architecture.md, "Boundaries").
export { BulletinsModule } from './bulletins.module';
export { BulletinsService } from './bulletins.service';
