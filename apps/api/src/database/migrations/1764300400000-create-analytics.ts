import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAnalytics1764300400000 implements MigrationInterface {
  name = 'CreateAnalytics1764300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Element-wise a + b; the shorter array reads as zeros (arrays written under a shorter layout).
    await queryRunner.query(`
      CREATE FUNCTION analytics_add(a anycompatiblearray, b anycompatiblearray)
        RETURNS anycompatiblearray LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i), a)
            FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
        $$
    `);

    // a + b for counts by key ({"T3.BALANCE": 2}); keys that reach 0 are dropped.
    await queryRunner.query(`
      CREATE FUNCTION analytics_add_counts(a jsonb, b jsonb)
        RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
            FROM (SELECT key, sum(value::numeric) AS total
                    FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) t
                   GROUP BY key HAVING sum(value::numeric) <> 0) s
        $$
    `);

    // What analytics counts of each report: its latest submitted version, reduced to the numbers
    // the endpoints read. The agency's path, kind and level are copied so that a region's
    // reports are one index range scan; agency changes rewrite them in the same transaction.
    await queryRunner.query(`
      CREATE TABLE analytics_report (
        report_id      uuid        NOT NULL,
        version_id     uuid        NOT NULL,
        agency_id      uuid        NOT NULL,
        year           integer     NOT NULL,
        agency_path    text        COLLATE "C" NOT NULL,
        agency_kind    text        NOT NULL,
        agency_level   text        NOT NULL,
        agency_active  boolean     NOT NULL DEFAULT true,
        status         text        NOT NULL,
        submitted_at   timestamptz NOT NULL,
        on_time        boolean     NOT NULL,
        days_late      integer     NOT NULL,
        error_count    integer     NOT NULL,
        warning_count  integer     NOT NULL,
        failing_rules  text[]      NOT NULL,
        cells          numeric[]   NOT NULL,
        metrics        float8[]    NOT NULL,
        narrative      float8[]    NOT NULL,
        revision       bigint      NOT NULL,
        CONSTRAINT pk_analytics_report PRIMARY KEY (report_id),
        CONSTRAINT uq_analytics_report_agency_year UNIQUE (agency_id, year),
        CONSTRAINT fk_analytics_report_report FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE CASCADE,
        CONSTRAINT fk_analytics_report_version FOREIGN KEY (version_id) REFERENCES report_version (id) ON DELETE CASCADE,
        CONSTRAINT fk_analytics_report_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE CASCADE
      )
    `);
    // "C" ordering: the index serves both LIKE '<path>%' and ORDER BY agency_path.
    await queryRunner.query(
      'CREATE INDEX idx_analytics_report_year_path ON analytics_report (year, agency_path)',
    );
    // The quality lists (failing, late, warnings only) are a small part of a year's reports.
    await queryRunner.query(`
      CREATE INDEX idx_analytics_report_failing ON analytics_report (year, agency_path)
        WHERE error_count > 0
    `);
    await queryRunner.query(`
      CREATE INDEX idx_analytics_report_late ON analytics_report (year, agency_path)
        WHERE NOT on_time AND error_count = 0
    `);
    await queryRunner.query(`
      CREATE INDEX idx_analytics_report_warning ON analytics_report (year, agency_path)
        WHERE error_count = 0 AND warning_count > 0
    `);
    // The cells (~250 numbers) live out of line and nothing else is compressed: scans of a
    // year's facts read narrow rows and never decompress a path or a metric.
    await queryRunner.query(`
      ALTER TABLE analytics_report
        ALTER COLUMN cells SET STORAGE EXTERNAL,
        ALTER COLUMN agency_path SET STORAGE PLAIN,
        ALTER COLUMN agency_kind SET STORAGE PLAIN,
        ALTER COLUMN agency_level SET STORAGE PLAIN,
        ALTER COLUMN status SET STORAGE PLAIN,
        ALTER COLUMN failing_rules SET STORAGE PLAIN,
        ALTER COLUMN metrics SET STORAGE PLAIN,
        ALTER COLUMN narrative SET STORAGE PLAIN
    `);
    await queryRunner.query('ALTER TABLE analytics_report SET (toast_tuple_target = 128)');

    // One row per report and metric value, for rankings of thousands of agencies: an index-only
    // scan of (year, metric, path) reads a few bytes per agency.
    await queryRunner.query(`
      CREATE TABLE analytics_metric_value (
        year        integer  NOT NULL,
        metric      smallint NOT NULL,
        agency_path text     COLLATE "C" NOT NULL,
        agency_id   uuid     NOT NULL,
        value       float8   NOT NULL,
        CONSTRAINT fk_analytics_metric_value_agency FOREIGN KEY (agency_id) REFERENCES agency (id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX uq_analytics_metric_value
        ON analytics_metric_value (year, metric, agency_path) INCLUDE (agency_id, value)
    `);
    await queryRunner.query(
      'CREATE INDEX idx_analytics_metric_value_agency ON analytics_metric_value (agency_id, year)',
    );
    // Lists of agencies in tree order come from this index, whatever the database collation.
    await queryRunner.query('CREATE INDEX idx_agency_path_c ON agency ((path COLLATE "C"))');

    // Totals of the reports under each agency (the agency itself included), per year: one row
    // with kind and level '*' for all of them, and one per kind and level of the reporting
    // agencies (for grouping), kept up to date report by report. A region's year is one row
    // whatever its size.
    await queryRunner.query(`
      CREATE TABLE analytics_rollup (
        node_id              uuid      NOT NULL,
        year                 integer   NOT NULL,
        agency_kind          text      NOT NULL,
        agency_level         text      NOT NULL,
        report_count         integer   NOT NULL,
        on_time_count        integer   NOT NULL,
        days_late_sum        integer   NOT NULL,
        error_report_count   integer   NOT NULL,
        warning_report_count integer   NOT NULL,
        accepted_count       integer   NOT NULL,
        returned_count       integer   NOT NULL,
        active_report_count  integer   NOT NULL,
        warning_only_count   integer   NOT NULL,
        late_clean_count     integer   NOT NULL,
        carry_over_count     integer   NOT NULL,
        rule_counts          jsonb     NOT NULL,
        cells                numeric[] NOT NULL,
        cell_counts          integer[] NOT NULL,
        narrative            float8[]  NOT NULL,
        metrics              float8[]  NULL,
        revision             bigint    NOT NULL,
        CONSTRAINT pk_analytics_rollup PRIMARY KEY (node_id, year, agency_kind, agency_level),
        CONSTRAINT fk_analytics_rollup_node FOREIGN KEY (node_id) REFERENCES agency (id) ON DELETE CASCADE
      )
    `);
    // Rows stay narrow (counters, metric values): the cell arrays live out of line and are read
    // only where an answer needs cells (year over year, breakdown, roll-up, sums of many rows).
    await queryRunner.query(`
      ALTER TABLE analytics_rollup
        ALTER COLUMN cells SET STORAGE EXTERNAL,
        ALTER COLUMN cell_counts SET STORAGE EXTERNAL,
        ALTER COLUMN narrative SET STORAGE PLAIN,
        ALTER COLUMN metrics SET STORAGE PLAIN
    `);
    await queryRunner.query('ALTER TABLE analytics_rollup SET (toast_tuple_target = 128)');

    await queryRunner.query('CREATE SEQUENCE analytics_revision_seq');
    // One row: the layout the stored arrays follow, and a counter bumped by agency tree changes.
    await queryRunner.query(`
      CREATE TABLE analytics_state (
        id            integer NOT NULL DEFAULT 1,
        layout        text    NULL,
        tree_revision bigint  NOT NULL DEFAULT 0,
        CONSTRAINT pk_analytics_state PRIMARY KEY (id),
        CONSTRAINT ck_analytics_state_single CHECK (id = 1)
      )
    `);
    await queryRunner.query('INSERT INTO analytics_state (id) VALUES (1)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE analytics_state');
    await queryRunner.query('DROP SEQUENCE analytics_revision_seq');
    await queryRunner.query('DROP TABLE analytics_rollup');
    await queryRunner.query('DROP TABLE analytics_metric_value');
    await queryRunner.query('DROP TABLE analytics_report');
    await queryRunner.query('DROP INDEX idx_agency_path_c');
    await queryRunner.query('DROP FUNCTION analytics_add_counts(jsonb, jsonb)');
    await queryRunner.query('DROP FUNCTION analytics_add(anycompatiblearray, anycompatiblearray)');
  }
}
