import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bulk import's preview: what every file of the zip was read as (keyed by the file's SHA-256),
 * so that the confirmation stores exactly that reading and never parses a file again. The bytes
 * are not kept here: the confirmation sends the zip again and each file must hash the same.
 * An item of a job keeps the reading it is to store (from the preview, or from the worker's
 * first look at the document) until it is stored.
 */
export class CreateImportPreviews1764900000000 implements MigrationInterface {
  name = 'CreateImportPreviews1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE import_preview (
        id              uuid        NOT NULL DEFAULT gen_random_uuid(),
        created_by      uuid        NOT NULL,
        archive_name    text        NOT NULL,
        has_manifest    boolean     NOT NULL,
        manifest_sha256 text        NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        expires_at      timestamptz NOT NULL,
        CONSTRAINT pk_import_preview PRIMARY KEY (id),
        CONSTRAINT fk_import_preview_creator FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT ck_import_preview_manifest CHECK (has_manifest = (manifest_sha256 IS NOT NULL)),
        CONSTRAINT ck_import_preview_manifest_sha256 CHECK (manifest_sha256 IS NULL OR manifest_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_import_preview_expiry CHECK (expires_at > created_at)
      )
    `);
    // Expired previews are swept when the next one is made.
    await queryRunner.query('CREATE INDEX idx_import_preview_expires ON import_preview (expires_at)');

    await queryRunner.query(`
      CREATE TABLE import_preview_file (
        preview_id           uuid    NOT NULL,
        position             integer NOT NULL,
        path                 text    NOT NULL,
        size                 integer NOT NULL,
        sha256               text    NOT NULL,
        manifest_agency_code text    NULL,
        manifest_year        integer NULL,
        agency_id            uuid    NULL,
        year                 integer NULL,
        inferred             jsonb   NOT NULL DEFAULT '{}'::jsonb,
        document_agency_name text    NULL,
        reading              jsonb   NULL,
        finding_errors       integer NULL,
        finding_warnings     integer NULL,
        code                 text    NULL,
        message              text    NULL,
        CONSTRAINT pk_import_preview_file PRIMARY KEY (preview_id, position),
        CONSTRAINT uq_import_preview_file_path UNIQUE (preview_id, path),
        CONSTRAINT fk_import_preview_file_preview FOREIGN KEY (preview_id) REFERENCES import_preview (id) ON DELETE CASCADE,
        CONSTRAINT fk_import_preview_file_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE CASCADE,
        CONSTRAINT ck_import_preview_file_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_import_preview_file_position CHECK (position >= 1),
        -- Either the file is ready (a reading, an agency and a year) or it failed with a reason.
        CONSTRAINT ck_import_preview_file_outcome CHECK (
          (code IS NULL AND message IS NULL AND reading IS NOT NULL AND agency_id IS NOT NULL AND year IS NOT NULL)
          OR (code IS NOT NULL AND message IS NOT NULL AND reading IS NULL))
      )
    `);

    await queryRunner.query('ALTER TABLE import_item ADD COLUMN reading jsonb NULL');
    // A reading is kept only while the item waits: once stored, report_version holds it.
    await queryRunner.query(
      `ALTER TABLE import_item ADD CONSTRAINT ck_import_item_reading CHECK (status = 'queued' OR reading IS NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE import_item DROP CONSTRAINT ck_import_item_reading');
    await queryRunner.query('ALTER TABLE import_item DROP COLUMN reading');
    await queryRunner.query('DROP TABLE import_preview_file');
    await queryRunner.query('DROP TABLE import_preview');
  }
}
