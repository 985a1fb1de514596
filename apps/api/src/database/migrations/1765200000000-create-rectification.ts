import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rectification context's tables: explanations of findings (说明) and rectification
 * notices (整改通知) with their items. Reports and agencies are named by id only — no foreign
 * keys into other contexts' tables; a finding by its key (rule@cells, see finding-identity.ts).
 */
export class CreateRectification1765200000000 implements MigrationInterface {
  name = 'CreateRectification1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE finding_explanation (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        report_id        uuid        NOT NULL,
        agency_id        uuid        NOT NULL,
        year             integer     NOT NULL,
        finding_key      text        NOT NULL,
        rule             text        NOT NULL,
        finding_message  text        NOT NULL,
        text             text        NOT NULL,
        status           text        NOT NULL DEFAULT 'pending',
        written_by       uuid        NULL,
        written_by_name  text        NOT NULL,
        written_at       timestamptz NOT NULL DEFAULT now(),
        decided_by       uuid        NULL,
        decided_by_name  text        NULL,
        decided_at       timestamptz NULL,
        decision_reason  text        NULL,
        CONSTRAINT pk_finding_explanation PRIMARY KEY (id),
        CONSTRAINT uq_finding_explanation_finding UNIQUE (report_id, finding_key),
        CONSTRAINT ck_finding_explanation_status CHECK (status IN ('pending', 'accepted', 'rejected'))
      )
    `);
    await queryRunner.query(
      'CREATE INDEX idx_finding_explanation_year ON finding_explanation (year, agency_id)',
    );
    await queryRunner.query(`
      CREATE TABLE rectification_notice (
        id           uuid        NOT NULL DEFAULT gen_random_uuid(),
        agency_id    uuid        NOT NULL,
        year         integer     NOT NULL,
        requirement  text        NULL,
        due_date     date        NOT NULL,
        status       text        NOT NULL DEFAULT 'open',
        sent_by      uuid        NULL,
        sent_by_name text        NOT NULL,
        sent_at      timestamptz NOT NULL DEFAULT now(),
        closed_at    timestamptz NULL,
        CONSTRAINT pk_rectification_notice PRIMARY KEY (id),
        CONSTRAINT ck_rectification_notice_status CHECK (status IN ('open', 'closed'))
      )
    `);
    await queryRunner.query(
      'CREATE INDEX idx_rectification_notice_agency ON rectification_notice (agency_id, year)',
    );
    await queryRunner.query(`
      CREATE TABLE rectification_item (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        notice_id   uuid        NOT NULL,
        report_id   uuid        NOT NULL,
        finding_key text        NOT NULL,
        rule        text        NOT NULL,
        severity    text        NOT NULL,
        message     text        NOT NULL,
        status      text        NOT NULL DEFAULT 'open',
        resolved_at timestamptz NULL,
        CONSTRAINT pk_rectification_item PRIMARY KEY (id),
        CONSTRAINT fk_rectification_item_notice FOREIGN KEY (notice_id) REFERENCES rectification_notice (id) ON DELETE CASCADE,
        CONSTRAINT uq_rectification_item_finding UNIQUE (notice_id, report_id, finding_key),
        CONSTRAINT ck_rectification_item_status CHECK (status IN ('open', 'fixed', 'explained'))
      )
    `);
    // A new version of a report re-checks the items of its open notices: find them by report.
    await queryRunner.query(
      'CREATE INDEX idx_rectification_item_report ON rectification_item (report_id, finding_key)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rectification_item');
    await queryRunner.query('DROP TABLE rectification_notice');
    await queryRunner.query('DROP TABLE finding_explanation');
  }
}
