import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rankings are computed in SQL and sent a page at a time, so agencies with equal values are
 * ordered by code in the database: each ranked value carries its agency's code, in the index
 * rankings scan. A trigger keeps the copy when a code changes.
 */
export class RankedValuesCarryAgencyCode1764400000000 implements MigrationInterface {
  name = 'RankedValuesCarryAgencyCode1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE analytics_metric_value ADD COLUMN agency_code text');
    await queryRunner.query(`
      UPDATE analytics_metric_value m SET agency_code = a.code
        FROM agency a WHERE a.id = m.agency_id
    `);
    await queryRunner.query(
      'ALTER TABLE analytics_metric_value ALTER COLUMN agency_code SET NOT NULL',
    );
    await queryRunner.query('DROP INDEX uq_analytics_metric_value');
    await queryRunner.query(`
      CREATE UNIQUE INDEX uq_analytics_metric_value
        ON analytics_metric_value (year, metric, agency_path) INCLUDE (agency_id, agency_code, value)
    `);
    await queryRunner.query(`
      CREATE FUNCTION analytics_metric_value_code() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE analytics_metric_value SET agency_code = NEW.code WHERE agency_id = NEW.id;
          RETURN NULL;
        END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER trg_agency_code_to_ranked_values
        AFTER UPDATE OF code ON agency
        FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code)
        EXECUTE FUNCTION analytics_metric_value_code()
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_agency_code_to_ranked_values ON agency');
    await queryRunner.query('DROP FUNCTION analytics_metric_value_code()');
    await queryRunner.query('DROP INDEX uq_analytics_metric_value');
    await queryRunner.query(`
      CREATE UNIQUE INDEX uq_analytics_metric_value
        ON analytics_metric_value (year, metric, agency_path) INCLUDE (agency_id, value)
    `);
    await queryRunner.query('ALTER TABLE analytics_metric_value DROP COLUMN agency_code');
  }
}
