import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateImports1764300300000 implements MigrationInterface {
  name = 'CreateImports1764300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One bulk import: a zip of reports uploaded at once, worked off by the job queue (pg-boss).
    await queryRunner.query(`
      CREATE TABLE import_job (
        id             uuid        NOT NULL DEFAULT gen_random_uuid(),
        created_by     uuid        NOT NULL,
        created_from   text        NULL,
        status         text        NOT NULL DEFAULT 'queued',
        archive_name   text        NOT NULL,
        archive_size   integer     NOT NULL,
        archive_sha256 text        NOT NULL,
        has_manifest   boolean     NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        started_at     timestamptz NULL,
        finished_at    timestamptz NULL,
        CONSTRAINT pk_import_job PRIMARY KEY (id),
        CONSTRAINT fk_import_job_creator FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT ck_import_job_status CHECK (status IN ('queued', 'running', 'finished')),
        CONSTRAINT ck_import_job_sha256 CHECK (archive_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_import_job_finished CHECK ((status = 'finished') = (finished_at IS NOT NULL)),
        CONSTRAINT ck_import_job_started CHECK (status = 'queued' OR started_at IS NOT NULL)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX idx_import_job_creator ON import_job (created_by, created_at DESC)',
    );
    await queryRunner.query('CREATE INDEX idx_import_job_created ON import_job (created_at DESC)');
    // Start-up looks for jobs a stopped process left unfinished: few rows, so a partial index.
    await queryRunner.query(
      `CREATE INDEX idx_import_job_unfinished ON import_job (created_at) WHERE status <> 'finished'`,
    );

    // One file of the zip. Its bytes stay until it is processed, so a restart loses nothing;
    // imported and duplicate files drop them (report_file keeps the original).
    await queryRunner.query(`
      CREATE TABLE import_item (
        id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
        job_id               uuid        NOT NULL,
        position             integer     NOT NULL,
        file_name            text        NOT NULL,
        size                 integer     NOT NULL,
        sha256               text        NOT NULL,
        content              bytea       NULL,
        manifest_agency_code text        NULL,
        manifest_year        integer     NULL,
        agency_id            uuid        NULL,
        year                 integer     NULL,
        inferred             jsonb       NOT NULL DEFAULT '{}'::jsonb,
        document_agency_name text        NULL,
        status               text        NOT NULL DEFAULT 'queued',
        report_id            uuid        NULL,
        version              integer     NULL,
        finding_errors       integer     NULL,
        finding_warnings     integer     NULL,
        code                 text        NULL,
        message              text        NULL,
        finished_at          timestamptz NULL,
        CONSTRAINT pk_import_item PRIMARY KEY (id),
        CONSTRAINT uq_import_item_position UNIQUE (job_id, position),
        CONSTRAINT fk_import_item_job FOREIGN KEY (job_id) REFERENCES import_job (id) ON DELETE CASCADE,
        -- History must not keep an agency from being deleted, nor name a report that is gone.
        CONSTRAINT fk_import_item_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE SET NULL,
        CONSTRAINT fk_import_item_report FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE SET NULL,
        CONSTRAINT ck_import_item_status CHECK (status IN ('queued', 'imported', 'duplicate', 'failed')),
        CONSTRAINT ck_import_item_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_import_item_size CHECK (size >= 0 AND (content IS NULL OR size = octet_length(content))),
        CONSTRAINT ck_import_item_position CHECK (position >= 1),
        CONSTRAINT ck_import_item_year CHECK (year IS NULL OR year BETWEEN 2008 AND 2100),
        CONSTRAINT ck_import_item_queued CHECK ((status = 'queued') = (finished_at IS NULL)
                                            AND (status <> 'queued' OR content IS NOT NULL)),
        CONSTRAINT ck_import_item_failed CHECK ((status = 'failed') = (code IS NOT NULL AND message IS NOT NULL)),
        CONSTRAINT ck_import_item_stored CHECK (status NOT IN ('imported', 'duplicate') OR version IS NOT NULL)
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE import_item');
    await queryRunner.query('DROP TABLE import_job');
  }
}
