import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAgencies1764300000000 implements MigrationInterface {
  name = 'CreateAgencies1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agency (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        code             text        NOT NULL,
        name             text        NOT NULL,
        level            text        NOT NULL,
        kind             text        NOT NULL,
        parent_id        uuid        NULL,
        path             text        NOT NULL,
        depth            integer     NOT NULL,
        active_from_year integer     NULL,
        active_to_year   integer     NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_agency PRIMARY KEY (id),
        CONSTRAINT uq_agency_code UNIQUE (code),
        CONSTRAINT fk_agency_parent FOREIGN KEY (parent_id) REFERENCES agency (id) ON DELETE RESTRICT,
        CONSTRAINT ck_agency_level CHECK (level IN ('province', 'city', 'county', 'township', 'other')),
        CONSTRAINT ck_agency_kind CHECK (kind IN ('government', 'department', 'development_zone', 'subdistrict', 'town', 'other')),
        CONSTRAINT ck_agency_active_years CHECK (active_from_year IS NULL OR active_to_year IS NULL OR active_from_year <= active_to_year)
      )
    `);
    await queryRunner.query(`CREATE INDEX idx_agency_parent ON agency (parent_id)`);
    // Subtree queries are `path LIKE '<root path>%'`.
    await queryRunner.query(`CREATE INDEX idx_agency_path ON agency (path text_pattern_ops)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_agency_parent_name ON agency (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE agency');
  }
}
