import { CHART_FONT_FAMILY } from './palette';

/**
 * A chart image with its title above it, on white: the title lives in the panel, not in the
 * ECharts option, and an exported picture without it would be anonymous.
 */
export async function composeChartImage(
  chartDataUrl: string,
  title: string,
  subtitle?: string,
  pixelRatio = 2,
): Promise<string> {
  const image = await loadImage(chartDataUrl);
  const padding = 16 * pixelRatio;
  const titleSize = 16 * pixelRatio;
  const subtitleSize = 12 * pixelRatio;
  const header = padding + titleSize + (subtitle ? 6 * pixelRatio + subtitleSize : 0) + padding;

  const canvas = document.createElement('canvas');
  canvas.width = image.width + padding * 2;
  canvas.height = image.height + header + padding;
  const context = canvas.getContext('2d');
  if (!context) return chartDataUrl;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.textBaseline = 'top';
  context.fillStyle = '#111827';
  context.font = `600 ${titleSize}px ${CHART_FONT_FAMILY}`;
  context.fillText(title, padding, padding);
  if (subtitle) {
    context.fillStyle = '#6b7280';
    context.font = `${subtitleSize}px ${CHART_FONT_FAMILY}`;
    context.fillText(subtitle, padding, padding + titleSize + 6 * pixelRatio);
  }
  context.drawImage(image, padding, header);
  return canvas.toDataURL('image/png');
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('chart image could not be read'));
    image.src = url;
  });
}
