import { ImportItemEntity } from './import-item.entity';
import { ImportJobEntity } from './import-job.entity';

/** Every entity of the imports context (for ENTITIES in database/typeorm-options.ts and forFeature). */
export const IMPORT_ENTITIES = [ImportJobEntity, ImportItemEntity];
