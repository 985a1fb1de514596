import { ElMessage } from 'element-plus';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { listReports } from '../../api/reports';
import { useAgenciesStore } from '../../stores/agencies';

/** Whether opening an agency drills into it (a region with units below) or opens its report. */
export function agencyOpensAs(
  agency: { id: string; children: readonly unknown[] } | undefined,
  scope: string | null,
): 'drill' | 'report' {
  return agency && agency.children.length > 0 && agency.id !== scope ? 'drill' : 'report';
}

export interface OpenAgencyOptions {
  /** The page's current scope: an agency already in scope opens its report instead. */
  scope: () => string | null;
  /** Shows the region's units on the same page (a filter change, so Back undoes it). */
  drillInto: (agencyId: string, year: number) => Promise<void>;
}

/**
 * Opening an agency from a chart element or a table row: a region with units below it drills
 * one level down on the page; a single unit opens its report for the year, or the report list
 * filtered to it when there is none or several.
 */
export function useOpenAgency(options: OpenAgencyOptions) {
  const { t } = useI18n();
  const router = useRouter();
  const agencies = useAgenciesStore();
  void agencies.load();

  async function openAgency(agencyId: string, year: number, name = ''): Promise<void> {
    const node = agencies.byId.get(agencyId);
    if (agencyOpensAs(node, options.scope()) === 'drill') {
      await options.drillInto(agencyId, year);
      return;
    }
    try {
      const page = await listReports({ agencyId, year, pageSize: 10 }, undefined, {
        silent: true,
      });
      const own = page.items.filter((item) => item.agencyId === agencyId);
      const reports = own.length > 0 ? own : page.items;
      if (reports.length === 1 && reports[0]) {
        await router.push(`/reports/${reports[0].id}`);
        return;
      }
      if (reports.length === 0)
        ElMessage.info(t('analytics.compare.noReportFound', { name: node?.name ?? name, year }));
    } catch {
      // the report list says what went wrong
    }
    await router.push({ path: '/reports', query: { agencyId, year: String(year) } });
  }

  return { openAgency };
}
