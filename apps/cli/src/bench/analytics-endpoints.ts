import { METRICS } from '@atlas/metrics';

/*
 * The analytics endpoints the benchmark calls, the parameters it rotates through, and for each
 * the same aggregate written the naive way: straight from report_cell (and report_version),
 * picking every report's latest submitted version and the scope by agency.path LIKE.
 */

/** An agency a request can be scoped to. */
export interface BenchScope {
  readonly id: string;
  readonly path: string;
  readonly label: 'province' | 'city' | 'county';
}

/** One request's parameters: the i-th of the rotation. */
export interface BenchParams {
  readonly i: number;
  readonly scope: BenchScope;
  readonly year: number;
  readonly firstYear: number;
  readonly lastYear: number;
}

export interface SqlQuery {
  readonly text: string;
  readonly values: unknown[];
}

export interface EndpointSpec {
  readonly name: string;
  readonly path: (p: BenchParams) => string;
  readonly naive: (p: BenchParams) => SqlQuery;
}

/** What the request rotation draws scopes and years from. */
export interface BenchUniverse {
  readonly root: BenchScope;
  readonly cities: readonly BenchScope[];
  readonly counties: readonly BenchScope[];
  readonly firstYear: number;
  readonly lastYear: number;
}

/**
 * The i-th request's parameters: scopes cycle province, a city, a county (each list walked in
 * turn) and years cycle independently, so a run of 200 requests asks ~200 different questions.
 */
export function paramsAt(
  universe: BenchUniverse,
  i: number,
  minYear = universe.firstYear,
): BenchParams {
  const round = Math.floor(i / 3);
  const pick = (list: readonly BenchScope[]) => list[round % list.length] ?? universe.root;
  const scope =
    i % 3 === 0 ? universe.root : i % 3 === 1 ? pick(universe.cities) : pick(universe.counties);
  const span = universe.lastYear - minYear + 1;
  return {
    i,
    scope,
    year: minYear + (i % span),
    firstYear: universe.firstYear,
    lastYear: universe.lastYear,
  };
}

const TREND_METRICS = ['applicationsReceived', 'disclosureRate'] as const;
const GROUP_BYS = ['none', 'kind', 'level', 'child'] as const;
const COMPARE_BYS = ['agency', 'child'] as const;
const COMPLIANCE_BYS = ['child', 'agency'] as const;

function cellsOf(key: string): string[] {
  const metric = METRICS.find((m) => m.key === key);
  if (!metric || metric.source !== 'cells') throw new Error(`${key} is not a cell metric`);
  return [...metric.cells];
}

function ratioCells(key: string): { numerator: string[]; denominator: string[] } {
  const metric = METRICS.find((m) => m.key === key);
  if (!metric || metric.source !== 'cells' || metric.kind !== 'ratio')
    throw new Error(`${key} is not a ratio metric`);
  return { numerator: [...metric.numerator.cells], denominator: [...metric.denominator.cells] };
}

const pattern = (scope: BenchScope) => `${scope.path}%`;

/**
 * Every report in the scope and years with its latest submitted version: $1 path pattern,
 * $2 first year, $3 last year.
 */
function latestCte(withFindings = false): string {
  return `latest AS (
    SELECT DISTINCT ON (r.id) r.id AS report_id, r.agency_id, r.year, r.status,
           a.path, a.kind, a.level, v.id AS version_id, v.on_time, v.days_late
           ${withFindings ? ', v.findings' : ''}
      FROM agency a
      JOIN report r ON r.agency_id = a.id
      JOIN report_version v ON v.report_id = r.id AND v.submitted_at IS NOT NULL
     WHERE a.path LIKE $1 AND r.year BETWEEN $2 AND $3
     ORDER BY r.id, v.version DESC)`;
}

/** The child region of the scope an agency lies in ('' for the scope's own agency). */
const childOf = (pathColumn: string, param: string) =>
  `split_part(substr(${pathColumn}, ${param}::int), '.', 1)`;
const childStart = (scope: BenchScope) => scope.path.length + 2;

const cellSumsByYear = (p: BenchParams, fromYear: number): SqlQuery => ({
  text: `WITH ${latestCte()}
    SELECT l.year, c.address, sum(c.value) AS total
      FROM latest l JOIN report_cell c ON c.version_id = l.version_id
     GROUP BY l.year, c.address`,
  values: [pattern(p.scope), fromYear, p.year],
});

export const ANALYTICS_ENDPOINTS: readonly EndpointSpec[] = [
  {
    name: 'overview',
    path: (p) => `/api/analytics/overview?year=${p.year}&scope=${p.scope.id}`,
    // Every cell summed for the year and the year before (the KPIs and their change).
    naive: (p) => cellSumsByYear(p, Math.max(p.firstYear, p.year - 1)),
  },
  {
    name: 'trend',
    path: (p) =>
      `/api/analytics/trend?metrics=${TREND_METRICS.join(',')}&fromYear=${p.firstYear}&toYear=${p.lastYear}` +
      `&scope=${p.scope.id}&groupBy=${GROUP_BYS[p.i % GROUP_BYS.length]}`,
    naive: (p) => {
      const groupBy = GROUP_BYS[p.i % GROUP_BYS.length];
      const group =
        groupBy === 'kind'
          ? 'l.kind'
          : groupBy === 'level'
            ? 'l.level'
            : groupBy === 'child'
              ? childOf('l.path', '$5')
              : `''`;
      return {
        text: `WITH ${latestCte()}
          SELECT l.year, ${group} AS grp, c.address, sum(c.value) AS total
            FROM latest l JOIN report_cell c ON c.version_id = l.version_id AND c.address = ANY($4)
           GROUP BY 1, 2, 3`,
        values: [
          pattern(p.scope),
          p.firstYear,
          p.lastYear,
          [...new Set(TREND_METRICS.flatMap(cellsOf))],
          ...(groupBy === 'child' ? [childStart(p.scope)] : []),
        ],
      };
    },
  },
  {
    name: 'compare',
    path: (p) =>
      `/api/analytics/compare?metric=disclosureRate&year=${p.year}&scope=${p.scope.id}` +
      `&by=${COMPARE_BYS[p.i % COMPARE_BYS.length]}&limit=50`,
    naive: (p) => {
      const by = COMPARE_BYS[p.i % COMPARE_BYS.length];
      const { numerator, denominator } = ratioCells('disclosureRate');
      return {
        text: `WITH ${latestCte()},
          sums AS (
            SELECT ${by === 'agency' ? 'l.agency_id::text' : childOf('l.path', '$7')} AS grp,
                   sum(c.value) FILTER (WHERE c.address = ANY($4)) AS num,
                   sum(c.value) FILTER (WHERE c.address = ANY($5)) AS den
              FROM latest l JOIN report_cell c ON c.version_id = l.version_id AND c.address = ANY($6)
             GROUP BY 1)
          SELECT grp, num, den, 100 * num / NULLIF(den, 0) AS value
            FROM sums ORDER BY value DESC NULLS LAST, grp LIMIT 50`,
        values: [
          pattern(p.scope),
          p.year,
          p.year,
          numerator,
          denominator,
          [...new Set([...numerator, ...denominator])],
          ...(by === 'child' ? [childStart(p.scope)] : []),
        ],
      };
    },
  },
  {
    name: 'yoy',
    path: (p) => `/api/analytics/yoy?year=${p.year}&baseYear=${p.year - 1}&scope=${p.scope.id}`,
    naive: (p) => cellSumsByYear(p, p.year - 1),
  },
  {
    name: 'breakdown',
    path: (p) => `/api/analytics/breakdown?year=${p.year}&scope=${p.scope.id}`,
    naive: (p) => ({
      text: `WITH ${latestCte()}
        SELECT c.row_key, c.column_key, sum(c.value) AS total
          FROM latest l JOIN report_cell c ON c.version_id = l.version_id AND c.table_key = 'applications'
         GROUP BY 1, 2`,
      values: [pattern(p.scope), p.year, p.year],
    }),
  },
  {
    name: 'compliance',
    path: (p) =>
      `/api/analytics/compliance?fromYear=${p.firstYear}&toYear=${p.lastYear}&scope=${p.scope.id}` +
      `&by=${COMPLIANCE_BYS[p.i % COMPLIANCE_BYS.length]}&limit=50`,
    naive: (p) => {
      const by = COMPLIANCE_BYS[p.i % COMPLIANCE_BYS.length];
      const group = (alias: string) =>
        by === 'agency'
          ? `${alias}.${alias === 'a' ? 'id' : 'agency_id'}::text`
          : childOf(`${alias}.path`, '$4');
      return {
        text: `WITH ${latestCte(true)},
          units AS (SELECT ${group('a')} AS grp, count(*) AS units FROM agency a WHERE a.path LIKE $1 GROUP BY 1),
          shown AS (SELECT grp FROM units ORDER BY grp LIMIT 50),
          per AS (
            SELECT ${group('l')} AS grp, l.year, count(*) AS submitted,
                   count(*) FILTER (WHERE l.on_time) AS on_time, sum(l.days_late) AS days_late,
                   count(*) FILTER (WHERE jsonb_path_exists(l.findings, '$[*] ? (@.severity == "error")')) AS failing
              FROM latest l GROUP BY 1, 2)
          SELECT u.grp, u.units, per.year, per.submitted, u.units - per.submitted AS missing,
                 per.on_time, per.days_late, per.failing
            FROM units u JOIN shown USING (grp) LEFT JOIN per USING (grp)`,
        values: [
          pattern(p.scope),
          p.firstYear,
          p.lastYear,
          ...(by === 'child' ? [childStart(p.scope)] : []),
        ],
      };
    },
  },
  {
    name: 'quality',
    path: (p) => `/api/analytics/quality?year=${p.year}&scope=${p.scope.id}&limit=50`,
    naive: (p) => ({
      text: `WITH ${latestCte(true)}
        SELECT
          (SELECT json_agg(x) FROM (
             SELECT f->>'rule' AS rule, count(*) AS findings, count(DISTINCT l.report_id) AS reports
               FROM latest l, jsonb_array_elements(l.findings) f GROUP BY 1) x) AS rules,
          (SELECT json_agg(x) FROM (
             SELECT l.agency_id, jsonb_array_length(l.findings) AS findings
               FROM latest l WHERE jsonb_array_length(l.findings) > 0
              ORDER BY 2 DESC, 1 LIMIT 50) x) AS failing,
          (SELECT json_agg(x) FROM (
             SELECT l.agency_id, l.days_late FROM latest l WHERE NOT l.on_time
              ORDER BY 2 DESC, 1 LIMIT 50) x) AS late,
          (SELECT count(*) FROM agency a
            WHERE a.path LIKE $1
              AND NOT EXISTS (SELECT 1 FROM latest l WHERE l.agency_id = a.id)) AS missing`,
      values: [pattern(p.scope), p.year, p.year],
    }),
  },
  {
    name: 'rollup',
    path: (p) => `/api/analytics/rollup?year=${p.year}&scope=${p.scope.id}&limit=100`,
    naive: (p) => ({
      text: `WITH ${latestCte()}
        SELECT
          (SELECT json_agg(x) FROM (
             SELECT c.address, sum(c.value) AS total
               FROM latest l JOIN report_cell c ON c.version_id = l.version_id
              GROUP BY 1) x) AS cells,
          (SELECT json_agg(x) FROM (
             SELECT a.id, a.code, a.name, EXISTS (SELECT 1 FROM latest l WHERE l.agency_id = a.id) AS included
               FROM agency a WHERE a.path LIKE $1 ORDER BY a.path LIMIT 100) x) AS units`,
      values: [pattern(p.scope), p.year, p.year],
    }),
  },
];

/** yoy needs a year before it; the others may use the first year. */
export function minYearOf(endpoint: EndpointSpec, firstYear: number): number {
  return endpoint.name === 'yoy' ? firstYear + 1 : firstYear;
}
