import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAgencies1764300000000 implements MigrationInterface {
  name = 'CreateAgencies1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The tree of reporting units. `path` holds the ids from the root down to the row itself
    // (dot-separated), so a subtree is one index range scan: path LIKE '<root path>%'.
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
        CONSTRAINT ck_agency_kind
          CHECK (kind IN ('government', 'department', 'development_zone', 'subdistrict', 'town', 'other')),
        CONSTRAINT ck_agency_code_not_blank CHECK (btrim(code) <> ''),
        CONSTRAINT ck_agency_name_not_blank CHECK (btrim(name) <> ''),
        CONSTRAINT ck_agency_active_years
          CHECK (active_from_year IS NULL OR active_to_year IS NULL OR active_from_year <= active_to_year),
        CONSTRAINT ck_agency_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
        -- The path ends with the row's own id, and the depth is its number of ancestors.
        CONSTRAINT ck_agency_path_ends_with_id CHECK (right(path, 36) = id::text),
        CONSTRAINT ck_agency_depth_matches_path
          CHECK (depth = length(path) - length(replace(path, '.', ''))),
        CONSTRAINT ck_agency_root_has_no_ancestors CHECK ((parent_id IS NULL) = (depth = 0))
      )
    `);
    await queryRunner.query('CREATE INDEX idx_agency_parent ON agency (parent_id)');
    // text_pattern_ops lets LIKE 'prefix%' use the index whatever the database collation is.
    await queryRunner.query('CREATE INDEX idx_agency_path ON agency (path text_pattern_ops)');
    // NULL parents never compare equal, so roots are grouped under the all-zero uuid.
    await queryRunner.query(`
      CREATE UNIQUE INDEX uq_agency_parent_name
        ON agency (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE agency');
  }
}
