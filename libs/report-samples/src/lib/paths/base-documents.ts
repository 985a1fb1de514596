import type { CanonicalReport, Report2021 } from '@atlas/report-model';
import type { GeneratedReport } from '../generated-reports';
import { layOutReport } from '../render-document';
import { renderDocxFromTemplate } from '../render-docx';
import { renderOfficialDocx } from '../render-docx-official';
import { renderHtmlPage } from '../render-html';
import type { SeededRandom } from '../seeded-random';
import { cmsVariant, officialDocxStyle, templatePerturbations } from './variants';

/** A document as an agency produces it, with the choices made in printing it. */
export interface BaseDocument {
  bytes: Uint8Array;
  variant: Record<string, unknown>;
}

function isItemized2021(
  generated: GeneratedReport<CanonicalReport>,
): generated is GeneratedReport<Report2021> {
  return (
    generated.report.formatVersion === '2021' &&
    generated.report.applications['otherHandling.other'] !== undefined
  );
}

/**
 * The agency's DOCX: the official 2021 template filled in where the report fits it, otherwise a
 * document built like an official template (2019 format, （六） as one row).
 */
export async function agencyDocx(
  generated: GeneratedReport<CanonicalReport>,
  random: SeededRandom,
  template: Uint8Array | null,
): Promise<BaseDocument> {
  const perturb = templatePerturbations(random);
  if (template && isItemized2021(generated)) {
    const bytes = await renderDocxFromTemplate(template, generated, { perturb });
    return { bytes, variant: { docx: 'official 2021 template', perturb } };
  }
  const style = officialDocxStyle(random);
  const bytes = await renderOfficialDocx(layOutReport(generated, perturb), style);
  return { bytes, variant: { docx: 'built like the template', style, perturb } };
}

/** The report as a government CMS publishes it. */
export function cmsPage(
  generated: GeneratedReport<CanonicalReport>,
  random: SeededRandom,
): BaseDocument {
  const { html, perturb } = cmsVariant(random);
  const bytes = renderHtmlPage(layOutReport(generated, perturb), generated, html);
  return { bytes, variant: { html, perturb } };
}
