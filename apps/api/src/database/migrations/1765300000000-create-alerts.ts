import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Threshold alerts (预警): rules on catalogue metrics per region (an agency subtree; NULL for
 * every region) and the log of their changes. Seeded with the default rules an oversight office
 * starts from, so the overview shows alerts before anyone has set a rule.
 */
export class CreateAlerts1765300000000 implements MigrationInterface {
  name = 'CreateAlerts1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE alert_rule (
        id           uuid        NOT NULL DEFAULT gen_random_uuid(),
        region_id    uuid        NULL,
        metric       text        NOT NULL,
        direction    text        NOT NULL,
        yellow       float8      NOT NULL,
        red          float8      NOT NULL,
        min_sample   integer     NOT NULL DEFAULT 0,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        updated_by   text        NULL,
        CONSTRAINT pk_alert_rule PRIMARY KEY (id),
        CONSTRAINT ck_alert_rule_direction CHECK (direction IN ('above', 'below')),
        CONSTRAINT ck_alert_rule_bounds CHECK (
          (direction = 'above' AND red >= yellow) OR (direction = 'below' AND red <= yellow)),
        CONSTRAINT ck_alert_rule_min_sample CHECK (min_sample >= 0),
        CONSTRAINT uq_alert_rule_region_metric_direction
          UNIQUE NULLS NOT DISTINCT (region_id, metric, direction),
        CONSTRAINT fk_alert_rule_region FOREIGN KEY (region_id) REFERENCES agency (id) ON DELETE CASCADE
      )
    `);
    // rule_id and region_id without keys: the log outlives the rules and regions it tells of.
    await queryRunner.query(`
      CREATE TABLE alert_rule_change (
        id          bigint      GENERATED ALWAYS AS IDENTITY,
        rule_id     uuid        NOT NULL,
        region_id   uuid        NULL,
        region_name text        NOT NULL,
        metric      text        NOT NULL,
        action      text        NOT NULL,
        before      jsonb       NULL,
        after       jsonb       NULL,
        actor_id    uuid        NULL,
        actor_name  text        NULL,
        at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_alert_rule_change PRIMARY KEY (id),
        CONSTRAINT ck_alert_rule_change_action CHECK (action IN ('create', 'update', 'delete'))
      )
    `);
    await queryRunner.query(
      'CREATE INDEX idx_alert_rule_change_rule ON alert_rule_change (rule_id, id DESC)',
    );
    await queryRunner.query(`
      WITH seeded AS (
        INSERT INTO alert_rule (metric, direction, yellow, red, min_sample) VALUES
          ('reviewCorrectionRate',     'above', 10, 15, 30),
          ('litigationCorrectionRate', 'above', 10, 20, 10),
          ('disclosureRate',           'below', 45, 40, 20),
          ('onTimeRate',               'below', 95, 80, 0),
          ('missingReports',           'above', 0,  5,  0)
        RETURNING id, metric, direction, yellow, red, min_sample
      )
      INSERT INTO alert_rule_change (rule_id, region_name, metric, action, after)
      SELECT id, '全部地区', metric, 'create',
             jsonb_build_object('direction', direction, 'yellow', yellow, 'red', red, 'minSample', min_sample)
        FROM seeded
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE alert_rule_change');
    await queryRunner.query('DROP TABLE alert_rule');
  }
}
