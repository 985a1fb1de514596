import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAppSettings1764230400000 implements MigrationInterface {
  name = 'CreateAppSettings1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Instance-wide settings (instance id, later: default deadlines, branding) as JSON values.
    await queryRunner.query(`
      CREATE TABLE app_setting (
        key        text        NOT NULL,
        value      jsonb       NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_app_setting PRIMARY KEY (key),
        CONSTRAINT ck_app_setting_key CHECK (key ~ '^[a-z][a-z0-9_.]*$')
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE app_setting');
  }
}
