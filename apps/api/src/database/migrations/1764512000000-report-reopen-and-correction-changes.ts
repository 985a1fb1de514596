import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cells of earlier corrections: their report_correction rows were written in the event's
 * transaction, so they share its now() (and its version, reason and author). Events replayed
 * with another time (the demo seed) stay null. Exported for its integration test.
 */
export const BACKFILL_CORRECTION_CHANGES = `
  UPDATE report_event e
     SET changes = found.changes
    FROM (
      SELECT e2.id,
             jsonb_agg(
               jsonb_build_object('address', c.address, 'from', c.old_value, 'to', c.new_value)
               ORDER BY c.id
             ) AS changes
        FROM report_event e2
        JOIN report_version v ON v.report_id = e2.report_id AND v.version = e2.version
        JOIN report_correction c
          ON c.version_id = v.id AND c.created_at = e2.at
         AND c.reason = e2.comment AND c.user_id = e2.actor_id
       WHERE e2.action = 'correct' AND e2.changes IS NULL
       GROUP BY e2.id
    ) found
   WHERE e.id = found.id
`;

/**
 * Issue 14: a reviewer may reopen an accepted report (a new `reopen` step of the history), and
 * a correction's history entry keeps the cells it changed, old → new, so the 流程记录 can say
 * what was corrected without reading report_correction row by row.
 */
export class ReportReopenAndCorrectionChanges1764512000000 implements MigrationInterface {
  name = 'ReportReopenAndCorrectionChanges1764512000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE report_event DROP CONSTRAINT ck_report_event_action');
    await queryRunner.query(`
      ALTER TABLE report_event ADD CONSTRAINT ck_report_event_action
        CHECK (action IN ('upload', 'correct', 'submit', 'accept', 'return', 'reopen'))
    `);
    await queryRunner.query('ALTER TABLE report_event ADD COLUMN changes jsonb NULL');
    await queryRunner.query(`
      ALTER TABLE report_event ADD CONSTRAINT ck_report_event_changes
        CHECK (changes IS NULL OR (action = 'correct' AND jsonb_typeof(changes) = 'array'))
    `);
    await queryRunner.query(BACKFILL_CORRECTION_CHANGES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE report_event DROP CONSTRAINT ck_report_event_changes');
    await queryRunner.query('ALTER TABLE report_event DROP COLUMN changes');
    await queryRunner.query('ALTER TABLE report_event DROP CONSTRAINT ck_report_event_action');
    // Fails while reopen steps are recorded: they would be lost, so that is left to a person.
    await queryRunner.query(`
      ALTER TABLE report_event ADD CONSTRAINT ck_report_event_action
        CHECK (action IN ('upload', 'correct', 'submit', 'accept', 'return'))
    `);
  }
}
