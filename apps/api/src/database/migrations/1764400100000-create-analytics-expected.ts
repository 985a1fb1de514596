import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many agencies each agency's subtree holds, by kind, level and active years: the reports
 * a region is expected to submit in a year, read as a few rows instead of counting the
 * subtree on every request. A statement trigger on agency recounts it after every change that
 * matters (about 0.2 s at 10,000 agencies; the tree changes rarely), whoever writes the tree.
 */
export class CreateAnalyticsExpected1764400100000 implements MigrationInterface {
  name = 'CreateAnalyticsExpected1764400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analytics_expected (
        node_id          uuid    NOT NULL,
        agency_kind      text    NOT NULL,
        agency_level     text    NOT NULL,
        active_from_year integer,
        active_to_year   integer,
        agency_count     integer NOT NULL,
        CONSTRAINT fk_analytics_expected_node FOREIGN KEY (node_id) REFERENCES agency (id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(
      'CREATE INDEX idx_analytics_expected_node ON analytics_expected (node_id)',
    );
    // Every agency counts in its own row and in each ancestor's (its path lists them). The lock
    // makes concurrent recounts take turns, so none keeps rows another one replaced.
    await queryRunner.query(`
      CREATE FUNCTION analytics_expected_recount_all() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock(hashtext('analytics_expected'));
          DELETE FROM analytics_expected;
          INSERT INTO analytics_expected
                 (node_id, agency_kind, agency_level, active_from_year, active_to_year, agency_count)
          SELECT node.id, a.kind, a.level, a.active_from_year, a.active_to_year, count(*)
            FROM agency a CROSS JOIN LATERAL unnest(string_to_array(a.path, '.')::uuid[]) AS node(id)
           GROUP BY 1, 2, 3, 4, 5;
        END
      $$
    `);
    await queryRunner.query(`
      CREATE FUNCTION analytics_expected_recount() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM analytics_expected_recount_all();
          RETURN NULL;
        END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER trg_agency_expected_recount
        AFTER INSERT OR DELETE OR UPDATE OF path, kind, level, active_from_year, active_to_year
        ON agency FOR EACH STATEMENT EXECUTE FUNCTION analytics_expected_recount()
    `);
    await queryRunner.query('SELECT analytics_expected_recount_all()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_agency_expected_recount ON agency');
    await queryRunner.query('DROP FUNCTION analytics_expected_recount()');
    await queryRunner.query('DROP FUNCTION analytics_expected_recount_all()');
    await queryRunner.query('DROP TABLE analytics_expected');
  }
}
