// The public surface of this module: the only file other modules and scripts import from it
// (lint rule atlas/api-module-surface; docs/architecture.md, "Boundaries").
export { AuthModule } from './auth.module';
export { resolveSessionSecret } from './session-secret';
export { UsersService } from './users.service';
