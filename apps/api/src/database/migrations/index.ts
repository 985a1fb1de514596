import { CreateAppSettings1764230400000 } from './1764230400000-create-app-settings';

/** Applied in this order; append new migrations, never edit applied ones. */
export const MIGRATIONS = [CreateAppSettings1764230400000];
