import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReports1764300200000 implements MigrationInterface {
  name = 'CreateReports1764300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One report per agency and year; its versions are the uploads and corrections over time.
    await queryRunner.query(`
      CREATE TABLE report (
        id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
        agency_id          uuid        NOT NULL,
        year               integer     NOT NULL,
        status             text        NOT NULL DEFAULT 'draft',
        current_version_id uuid        NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_report PRIMARY KEY (id),
        CONSTRAINT uq_report_agency_year UNIQUE (agency_id, year),
        CONSTRAINT fk_report_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE RESTRICT,
        CONSTRAINT ck_report_status CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
        CONSTRAINT ck_report_year CHECK (year BETWEEN 2008 AND 2100)
      )
    `);
    await queryRunner.query('CREATE INDEX idx_report_year_status ON report (year, status)');

    // The bytes as uploaded (pasted text too), never changed: what a parse was made from.
    await queryRunner.query(`
      CREATE TABLE report_file (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        sha256      text        NOT NULL,
        size        integer     NOT NULL,
        media_type  text        NOT NULL,
        file_name   text        NOT NULL,
        content     bytea       NOT NULL,
        uploaded_by uuid        NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_report_file PRIMARY KEY (id),
        CONSTRAINT fk_report_file_uploader FOREIGN KEY (uploaded_by) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT ck_report_file_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_report_file_size CHECK (size = octet_length(content))
      )
    `);
    await queryRunner.query('CREATE INDEX idx_report_file_sha256 ON report_file (sha256)');

    await queryRunner.query(`
      CREATE TABLE report_version (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        report_id        uuid        NOT NULL,
        version          integer     NOT NULL,
        file_id          uuid        NULL,
        canonical        jsonb       NOT NULL,
        findings         jsonb       NOT NULL DEFAULT '[]'::jsonb,
        warnings         jsonb       NOT NULL DEFAULT '[]'::jsonb,
        provenance       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        format           text        NULL,
        declared_year    integer     NOT NULL,
        parsed_year      integer     NULL,
        created_by       uuid        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        submitted_at     timestamptz NULL,
        submitted_by     uuid        NULL,
        on_time          boolean     NULL,
        days_late        integer     NULL,
        based_on_version integer     NULL,
        CONSTRAINT pk_report_version PRIMARY KEY (id),
        CONSTRAINT uq_report_version_number UNIQUE (report_id, version),
        CONSTRAINT fk_report_version_report FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE CASCADE,
        CONSTRAINT fk_report_version_file FOREIGN KEY (file_id) REFERENCES report_file (id) ON DELETE RESTRICT,
        CONSTRAINT fk_report_version_creator FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT fk_report_version_submitter FOREIGN KEY (submitted_by) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT ck_report_version_number CHECK (version >= 1),
        CONSTRAINT ck_report_version_based_on CHECK (based_on_version IS NULL OR based_on_version < version),
        CONSTRAINT ck_report_version_days_late CHECK (days_late IS NULL OR days_late >= 0),
        -- Timeliness is known exactly when the version was submitted.
        CONSTRAINT ck_report_version_submission
          CHECK ((submitted_at IS NULL) = (submitted_by IS NULL)
             AND (submitted_at IS NULL) = (on_time IS NULL)
             AND (submitted_at IS NULL) = (days_late IS NULL))
      )
    `);
    await queryRunner.query('CREATE INDEX idx_report_version_file ON report_version (file_id)');
    // Added after report_version exists: the two tables point at each other.
    await queryRunner.query(`
      ALTER TABLE report ADD CONSTRAINT fk_report_current_version
        FOREIGN KEY (current_version_id) REFERENCES report_version (id) ON DELETE RESTRICT
    `);

    // Every number of every version, one row each, so analytics can aggregate in SQL.
    await queryRunner.query(`
      CREATE TABLE report_cell (
        version_id uuid    NOT NULL,
        address    text    NOT NULL,
        table_key  text    NOT NULL,
        row_key    text    NOT NULL,
        column_key text    NOT NULL,
        value      numeric NOT NULL,
        agency_id  uuid    NOT NULL,
        year       integer NOT NULL,
        CONSTRAINT pk_report_cell PRIMARY KEY (version_id, address),
        CONSTRAINT fk_report_cell_version FOREIGN KEY (version_id) REFERENCES report_version (id) ON DELETE CASCADE,
        CONSTRAINT ck_report_cell_table CHECK (table_key IN ('proactive', 'applications', 'reviewLitigation')),
        CONSTRAINT ck_report_cell_address CHECK (address = table_key || '.' || row_key || '.' || column_key)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX idx_report_cell_agency_year ON report_cell (agency_id, year)',
    );

    await queryRunner.query(`
      CREATE TABLE report_correction (
        id         bigint      GENERATED ALWAYS AS IDENTITY,
        version_id uuid        NOT NULL,
        address    text        NOT NULL,
        old_value  numeric     NOT NULL,
        new_value  numeric     NOT NULL,
        reason     text        NOT NULL,
        user_id    uuid        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_report_correction PRIMARY KEY (id),
        CONSTRAINT fk_report_correction_version FOREIGN KEY (version_id) REFERENCES report_version (id) ON DELETE CASCADE,
        CONSTRAINT fk_report_correction_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT ck_report_correction_reason CHECK (char_length(btrim(reason)) BETWEEN 1 AND 500)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX idx_report_correction_version ON report_correction (version_id)',
    );

    // The workflow history: who uploaded, corrected, submitted, accepted or returned which version.
    await queryRunner.query(`
      CREATE TABLE report_event (
        id         bigint      GENERATED ALWAYS AS IDENTITY,
        report_id  uuid        NOT NULL,
        version    integer     NOT NULL,
        action     text        NOT NULL,
        comment    text        NULL,
        actor_id   uuid        NOT NULL,
        actor_name text        NOT NULL,
        at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_report_event PRIMARY KEY (id),
        CONSTRAINT fk_report_event_report FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE CASCADE,
        CONSTRAINT fk_report_event_actor FOREIGN KEY (actor_id) REFERENCES app_user (id) ON DELETE RESTRICT,
        CONSTRAINT ck_report_event_action CHECK (action IN ('upload', 'correct', 'submit', 'accept', 'return'))
      )
    `);
    await queryRunner.query('CREATE INDEX idx_report_event_report ON report_event (report_id, id)');

    // No row for a year means the statutory date (31 January of the next year); a row without an
    // agency replaces it for everyone, a row with one for that agency's subtree.
    await queryRunner.query(`
      CREATE TABLE report_deadline (
        id         uuid        NOT NULL DEFAULT gen_random_uuid(),
        year       integer     NOT NULL,
        agency_id  uuid        NULL,
        due_date   date        NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_report_deadline PRIMARY KEY (id),
        CONSTRAINT fk_report_deadline_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE CASCADE,
        CONSTRAINT ck_report_deadline_year CHECK (year BETWEEN 2008 AND 2100),
        CONSTRAINT ck_report_deadline_after_year CHECK (due_date > make_date(year, 12, 31))
      )
    `);
    // NULL agencies never compare equal, so the year default is keyed under the all-zero uuid.
    await queryRunner.query(`
      CREATE UNIQUE INDEX uq_report_deadline_year_agency
        ON report_deadline (year, COALESCE(agency_id, '00000000-0000-0000-0000-000000000000'::uuid))
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE report_deadline');
    await queryRunner.query('DROP TABLE report_event');
    await queryRunner.query('DROP TABLE report_correction');
    await queryRunner.query('DROP TABLE report_cell');
    await queryRunner.query('ALTER TABLE report DROP CONSTRAINT fk_report_current_version');
    await queryRunner.query('DROP TABLE report_version');
    await queryRunner.query('DROP TABLE report_file');
    await queryRunner.query('DROP TABLE report');
  }
}
