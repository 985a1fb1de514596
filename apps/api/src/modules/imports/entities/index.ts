import { ImportItemEntity } from './import-item.entity';
import { ImportJobEntity } from './import-job.entity';
import { ImportPreviewEntity, ImportPreviewFileEntity } from './import-preview.entity';

/** Every entity of the imports context (for ENTITIES in database/typeorm-options.ts and forFeature). */
export const IMPORT_ENTITIES = [ImportJobEntity, ImportItemEntity, ImportPreviewEntity, ImportPreviewFileEntity];
