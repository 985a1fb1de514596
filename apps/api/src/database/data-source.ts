// Entry point for the TypeORM CLI (migration:generate / migration:show), e.g.
//   DATABASE_URL=postgres://… npx typeorm-ts-node-commonjs -d apps/api/src/database/data-source.ts migration:show
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './typeorm-options';

const url = process.env['DATABASE_URL'];
if (!url) {
  throw new Error('DATABASE_URL must be set for the TypeORM CLI (see docs/operations.md)');
}

export default new DataSource(buildDataSourceOptions(url, false));
