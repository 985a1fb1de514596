import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notices (the bell in the header): one row per recipient, so reading is per person.
 * The id is an identity: insertion order is time order, and it pages like the audit log.
 */
export class CreateNotifications1764700000000 implements MigrationInterface {
  name = 'CreateNotifications1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification (
        id           bigint      GENERATED ALWAYS AS IDENTITY,
        recipient_id uuid        NOT NULL,
        kind         text        NOT NULL,
        report_id    uuid        NOT NULL,
        agency_id    uuid        NOT NULL,
        year         integer     NOT NULL,
        message      text        NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        read_at      timestamptz NULL,
        CONSTRAINT pk_notification PRIMARY KEY (id),
        CONSTRAINT fk_notification_recipient FOREIGN KEY (recipient_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_notification_report FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(
      'CREATE INDEX idx_notification_recipient ON notification (recipient_id, id DESC)',
    );
    // The header polls the unread count of every signed-in user: keep that lookup small.
    await queryRunner.query(
      'CREATE INDEX idx_notification_unread ON notification (recipient_id) WHERE read_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notification');
  }
}
