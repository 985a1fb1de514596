/**
 * The small trend line on a KPI card, as SVG path data: sixteen cards do not need sixteen
 * ECharts instances. Pure; years without a value break the line.
 */

export interface SparklinePoint {
  year: number;
  value: number | null;
}

export interface SparklineGeometry {
  /** `M x y L x y …`, one sub-path per run of years with values. */
  line: string;
  /** The last point with a value, highlighted on the card. */
  last: { x: number; y: number } | null;
  /** Points with values, for titles / tooltips. */
  points: { x: number; y: number; year: number; value: number }[];
}

export function sparklineGeometry(
  data: readonly SparklinePoint[],
  width: number,
  height: number,
  padding = 3,
): SparklineGeometry {
  const values = data
    .map((point) => point.value)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0 || data.length === 0) return { line: '', last: null, points: [] };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const innerWidth = width - padding * 2;
  const innerHeight = height - padding * 2;
  const step = data.length > 1 ? innerWidth / (data.length - 1) : 0;
  const round = (n: number) => Math.round(n * 100) / 100;

  const points: SparklineGeometry['points'] = [];
  const parts: string[] = [];
  let open = false;
  data.forEach((point, index) => {
    if (typeof point.value !== 'number' || !Number.isFinite(point.value)) {
      open = false;
      return;
    }
    const x = round(data.length > 1 ? padding + index * step : width / 2);
    // A flat series sits in the middle rather than on the floor.
    const y = round(
      span === 0 ? height / 2 : padding + innerHeight * (1 - (point.value - min) / span),
    );
    parts.push(`${open ? 'L' : 'M'}${x} ${y}`);
    open = true;
    points.push({ x, y, year: point.year, value: point.value });
  });
  const lastPoint = points[points.length - 1];
  return {
    line: parts.join(' '),
    last: lastPoint ? { x: lastPoint.x, y: lastPoint.y } : null,
    points,
  };
}
