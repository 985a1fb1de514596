import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: analytics keeps its own projection, fed by events of the reports and agencies
 * modules in their transactions, and no longer reads their tables or relies on triggers there.
 * Its copy of the agency tree (analytics_agency) replaces the joins with `agency`; a fact keeps
 * its version's findings (the quality list read them from report_version). The triggers on
 * `agency` and the foreign keys into other modules' tables go; analytics' tables point at its
 * own copy of the tree. The copy and the findings are filled once from the old tables here.
 */
export class AnalyticsProjectionOwnsItsTables1764800000000 implements MigrationInterface {
  name = 'AnalyticsProjectionOwnsItsTables1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER trg_agency_code_to_ranked_values ON agency');
    await queryRunner.query('DROP FUNCTION analytics_metric_value_code()');
    await queryRunner.query('DROP TRIGGER trg_agency_expected_recount_update ON agency');
    await queryRunner.query('DROP TRIGGER trg_agency_expected_recount ON agency');
    await queryRunner.query('DROP FUNCTION analytics_expected_recount_if_changed()');
    await queryRunner.query('DROP FUNCTION analytics_expected_recount()');
    await queryRunner.query('DROP FUNCTION analytics_expected_recount_all()');

    await queryRunner.query(`
      ALTER TABLE analytics_report
        DROP CONSTRAINT fk_analytics_report_report,
        DROP CONSTRAINT fk_analytics_report_version,
        DROP CONSTRAINT fk_analytics_report_agency
    `);
    await queryRunner.query(
      'ALTER TABLE analytics_metric_value DROP CONSTRAINT fk_analytics_metric_value_agency',
    );
    await queryRunner.query('ALTER TABLE analytics_rollup DROP CONSTRAINT fk_analytics_rollup_node');
    await queryRunner.query(
      'ALTER TABLE analytics_expected DROP CONSTRAINT fk_analytics_expected_node',
    );
    // Analytics' index on another module's table: its lists now come from its own copy.
    await queryRunner.query('DROP INDEX idx_agency_path_c');

    // "C" ordering: the path index serves both LIKE '<path>%' and ORDER BY path.
    await queryRunner.query(`
      CREATE TABLE analytics_agency (
        id               uuid    NOT NULL,
        parent_id        uuid    NULL,
        code             text    NOT NULL,
        name             text    NOT NULL,
        path             text    COLLATE "C" NOT NULL,
        kind             text    NOT NULL,
        level            text    NOT NULL,
        active_from_year integer NULL,
        active_to_year   integer NULL,
        CONSTRAINT pk_analytics_agency PRIMARY KEY (id)
      )
    `);
    await queryRunner.query('CREATE INDEX idx_analytics_agency_path ON analytics_agency (path)');
    await queryRunner.query(
      'CREATE INDEX idx_analytics_agency_parent ON analytics_agency (parent_id, code)',
    );
    await queryRunner.query(`
      INSERT INTO analytics_agency
             (id, parent_id, code, name, path, kind, level, active_from_year, active_to_year)
      SELECT id, parent_id, code, name, path, kind, level, active_from_year, active_to_year
        FROM agency
    `);

    await queryRunner.query(
      `ALTER TABLE analytics_report ADD COLUMN findings jsonb NOT NULL DEFAULT '[]'::jsonb`,
    );
    await queryRunner.query(`
      UPDATE analytics_report f
         SET findings = coalesce((
               SELECT jsonb_agg(jsonb_build_object('rule', x -> 'rule', 'severity', x -> 'severity',
                                                   'message', x -> 'message', 'cells', x -> 'cells')
                                ORDER BY n)
                 FROM jsonb_array_elements(v.findings) WITH ORDINALITY AS e(x, n)
             ), '[]'::jsonb)
        FROM report_version v
       WHERE v.id = f.version_id AND jsonb_array_length(v.findings) > 0
    `);

    for (const [table, constraint, column] of [
      ['analytics_report', 'fk_analytics_report_agency', 'agency_id'],
      ['analytics_metric_value', 'fk_analytics_metric_value_agency', 'agency_id'],
      ['analytics_rollup', 'fk_analytics_rollup_node', 'node_id'],
      ['analytics_expected', 'fk_analytics_expected_node', 'node_id'],
    ])
      await queryRunner.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${constraint}
           FOREIGN KEY (${column}) REFERENCES analytics_agency (id) ON DELETE CASCADE`,
      );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, constraint] of [
      ['analytics_report', 'fk_analytics_report_agency'],
      ['analytics_metric_value', 'fk_analytics_metric_value_agency'],
      ['analytics_rollup', 'fk_analytics_rollup_node'],
      ['analytics_expected', 'fk_analytics_expected_node'],
    ])
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
    await queryRunner.query('ALTER TABLE analytics_report DROP COLUMN findings');
    await queryRunner.query('DROP TABLE analytics_agency');
    await queryRunner.query('CREATE INDEX idx_agency_path_c ON agency ((path COLLATE "C"))');
    await queryRunner.query(`
      ALTER TABLE analytics_report
        ADD CONSTRAINT fk_analytics_report_report FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE CASCADE,
        ADD CONSTRAINT fk_analytics_report_version FOREIGN KEY (version_id) REFERENCES report_version (id) ON DELETE CASCADE,
        ADD CONSTRAINT fk_analytics_report_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE CASCADE
    `);
    await queryRunner.query(`
      ALTER TABLE analytics_metric_value ADD CONSTRAINT fk_analytics_metric_value_agency
        FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE CASCADE
    `);
    await queryRunner.query(`
      ALTER TABLE analytics_rollup ADD CONSTRAINT fk_analytics_rollup_node
        FOREIGN KEY (node_id) REFERENCES agency (id) ON DELETE CASCADE
    `);
    await queryRunner.query(`
      ALTER TABLE analytics_expected ADD CONSTRAINT fk_analytics_expected_node
        FOREIGN KEY (node_id) REFERENCES agency (id) ON DELETE CASCADE
    `);
    // The triggers of 1764400000000 and 1764400200000 (the recount function of 1764400100000).
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
}
