import { formatWithUnit, type NumberInput } from './format';

/** Tooltip HTML helpers for option builders: exact numbers with units, names escaped. */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The part of ECharts' formatter params a builder reads. */
export interface TooltipItem {
  seriesName?: string;
  seriesIndex?: number;
  name?: string;
  axisValueLabel?: string;
  marker?: unknown;
  value?: unknown;
}

function valueOf(raw: unknown): NumberInput {
  if (typeof raw === 'number') return raw;
  if (Array.isArray(raw)) return valueOf(raw[raw.length - 1]);
  return null;
}

/**
 * One line per series under the category title: `● 名称 1,234件`. `unitOf` gives each series'
 * unit (series may differ, e.g. a count and a rate).
 */
export function axisTooltip(
  params: TooltipItem | TooltipItem[],
  unitOf: (seriesIndex: number) => string | undefined,
): string {
  const items = Array.isArray(params) ? params : [params];
  const title = items[0]?.axisValueLabel ?? items[0]?.name ?? '';
  const lines = items.map((item) => {
    const marker = typeof item.marker === 'string' ? item.marker : '';
    const value = formatWithUnit(valueOf(item.value), unitOf(item.seriesIndex ?? 0));
    return (
      `<div class="atlas-tooltip__row">${marker}<span>${escapeHtml(item.seriesName ?? '')}</span>` +
      `<b style="margin-left:16px;float:right;font-variant-numeric:tabular-nums">${escapeHtml(value)}</b></div>`
    );
  });
  return `<div class="atlas-tooltip"><div style="margin-bottom:4px;font-weight:600">${escapeHtml(title)}</div>${lines.join('')}</div>`;
}
