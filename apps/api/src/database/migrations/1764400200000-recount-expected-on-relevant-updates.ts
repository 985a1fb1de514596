import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agency update names every column (renames included), so `UPDATE OF path, kind, …` fired
 * the recount of analytics_expected on every edit. Updates now compare the rows before and
 * after (transition tables) and recount only when a path, kind, level or active year changed.
 */
export class RecountExpectedOnRelevantUpdates1764400200000 implements MigrationInterface {
  name = 'RecountExpectedOnRelevantUpdates1764400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_agency_expected_recount ON agency');
    await queryRunner.query(`
      CREATE FUNCTION analytics_expected_recount_if_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (
            SELECT 1 FROM old_agency o JOIN new_agency n ON n.id = o.id
             WHERE (o.path, o.kind, o.level, o.active_from_year, o.active_to_year)
                   IS DISTINCT FROM (n.path, n.kind, n.level, n.active_from_year, n.active_to_year)
          ) THEN
            PERFORM analytics_expected_recount_all();
          END IF;
          RETURN NULL;
        END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER trg_agency_expected_recount
        AFTER INSERT OR DELETE ON agency
        FOR EACH STATEMENT EXECUTE FUNCTION analytics_expected_recount()
    `);
    await queryRunner.query(`
      CREATE TRIGGER trg_agency_expected_recount_update
        AFTER UPDATE ON agency
        REFERENCING OLD TABLE AS old_agency NEW TABLE AS new_agency
        FOR EACH STATEMENT EXECUTE FUNCTION analytics_expected_recount_if_changed()
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_agency_expected_recount_update ON agency');
    await queryRunner.query('DROP TRIGGER trg_agency_expected_recount ON agency');
    await queryRunner.query('DROP FUNCTION analytics_expected_recount_if_changed()');
    await queryRunner.query(`
      CREATE TRIGGER trg_agency_expected_recount
        AFTER INSERT OR DELETE OR UPDATE OF path, kind, level, active_from_year, active_to_year
        ON agency FOR EACH STATEMENT EXECUTE FUNCTION analytics_expected_recount()
    `);
  }
}
