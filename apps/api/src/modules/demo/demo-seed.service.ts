import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SEED, type DemoAgency, demoPlan, renderReportText } from '@atlas/demo-data';
import { Injectable, Logger } from '@nestjs/common';
import { findWorkspaceRoot } from '../../common/app-version';
import { AgenciesService } from '../agencies';
import type { AuthUser } from '../../common/auth/auth-user';
import { UsersService } from '../auth';
import { ExplanationsService, RectificationsService } from '../rectification';
import { ReportQueriesService, ReportsService } from '../reports';
import { SystemService } from '../system';
import { SYSTEM } from '../audit';
import { localDate } from '../../common/reporting-calendar';

const SEEDED_KEY = 'demo.seeded';
const DEMO_PASSWORD = 'atlas-demo';

/** Demo accounts besides admin, listed in the README. */
export const DEMO_ACCOUNTS = [
  {
    username: 'oversight',
    displayName: '青山县政务公开办（监督）',
    role: 'oversight',
    scopeCode: 'QS',
  },
  {
    username: 'ziranziyuan',
    displayName: '青山县自然资源局（填报）',
    role: 'uploader',
    agencyCode: 'QS-D11',
  },
  {
    username: 'qingshanzhen',
    displayName: '青山县青山镇（填报）',
    role: 'uploader',
    agencyCode: 'QS-T01',
  },
] as const;

export interface DemoSeedSummary {
  skipped: boolean;
  agencies: number;
  reports: number;
  corpusReports: number;
  failures: string[];
}

/**
 * Fills an empty installation with the demo: the 青山县 region, demo accounts, seven years of
 * reports uploaded, submitted and reviewed through the real services (so they are parsed,
 * checked and audited like any upload), and the real reports of the shared corpus. Runs once.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    private readonly reports: ReportsService,
    private readonly system: SystemService,
    private readonly reportQueries: ReportQueriesService,
    private readonly explanations: ExplanationsService,
    private readonly rectifications: RectificationsService,
  ) {}

  async seed(options: { corpusDir?: string; force?: boolean } = {}): Promise<DemoSeedSummary> {
    if (!options.force && (await this.system.setting(SEEDED_KEY))) {
      return { skipped: true, agencies: 0, reports: 0, corpusReports: 0, failures: [] };
    }
    const plan = demoPlan(DEMO_SEED);
    const admin = await this.users.systemActor();
    await this.agencies.importFile({
      fileName: 'demo-region.csv',
      content: Buffer.from(regionCsv(plan.agencies), 'utf8'),
    });
    const idByCode = new Map<string, string>();
    for (const agency of plan.agencies) {
      const stored = await this.agencies.findByCode(agency.code);
      if (stored) idByCode.set(agency.code, stored.id);
    }
    await this.createAccounts(idByCode);

    const failures: string[] = [];
    let reports = 0;
    for (const entry of plan.reports) {
      const agencyId = idByCode.get(entry.agencyCode);
      if (!agencyId) continue;
      try {
        await this.uploadAndReview(
          admin,
          agencyId,
          entry.year,
          Buffer.from(renderReportText(entry.report), 'utf8'),
          `${entry.agencyCode}-${entry.year}.txt`,
          entry.submittedOn,
          entry.status,
        );
        reports++;
        if (reports % 50 === 0) this.logger.log(`demo: ${reports}/${plan.reports.length} reports`);
      } catch (error) {
        failures.push(`${entry.agencyCode}/${entry.year}: ${describe(error)}`);
      }
    }
    const corpusReports = await this.seedCorpus(
      admin,
      options.corpusDir ?? defaultCorpusDir(),
      failures,
    );
    try {
      await this.seedRectification(admin, idByCode);
    } catch (error) {
      failures.push(`rectification: ${describe(error)}`);
    }
    await this.system.saveSetting(SEEDED_KEY, {
      at: new Date().toISOString(),
      seed: DEMO_SEED,
      reports,
      corpusReports,
    });
    this.logger.log(
      `demo ready: ${plan.agencies.length} agencies, ${reports} reports, ${corpusReports} corpus reports, ${failures.length} failures`,
    );
    return { skipped: false, agencies: plan.agencies.length, reports, corpusReports, failures };
  }

  private async createAccounts(idByCode: Map<string, string>): Promise<void> {
    for (const account of DEMO_ACCOUNTS) {
      const input =
        account.role === 'oversight'
          ? { scopeAgencyIds: [idByCode.get(account.scopeCode) ?? ''] }
          : { agencyId: idByCode.get(account.agencyCode) ?? '' };
      try {
        await this.users.create(
          {
            username: account.username,
            displayName: account.displayName,
            password: DEMO_PASSWORD,
            role: account.role,
            ...input,
          },
          SYSTEM,
          // The demo's accounts and password are published: nobody is asked to replace them.
          { usersOwnPassword: true },
        );
      } catch (error) {
        if (!(describe(error).includes('USERNAME_TAKEN') || describe(error).includes('已被使用')))
          throw error;
      }
    }
  }

  /**
   * Rectification through the real services, so that 整改台账 and the to-dos are not empty: an
   * open notice on the findings of 青山镇's report (its demo clerk sees it on the to-do), a notice
   * closed by an accepted explanation, and explanations awaiting review and rejected. The
   * explanations of units without a demo account are written by the seed's admin, as their
   * reports were uploaded.
   */
  private async seedRectification(admin: AuthUser, idByCode: Map<string, string>): Promise<void> {
    const accounts = await this.users.list();
    const authUser = async (username: string) => {
      const account = accounts.find((candidate) => candidate.username === username);
      return (account && (await this.users.authUserOf(account.id))) ?? admin;
    };
    const office = await authUser('oversight');
    const clerk = await authUser('qingshanzhen');
    const actor = (user: AuthUser) => ({ user, actor: user, address: null });
    const dueDate = localDate(new Date(Date.now() + 30 * 86_400_000));

    const reports = [];
    for (let page = 1; ; page++) {
      const found = await this.reportQueries.list(admin, { page, pageSize: 100 });
      reports.push(...found.items);
      if (page * found.pageSize >= found.total) break;
    }
    const region = new Set(
      [...idByCode.entries()].filter(([code]) => code.startsWith('QS')).map(([, id]) => id),
    );
    const inRegion = reports
      .filter((report) => region.has(report.agencyId))
      .sort((a, b) => b.year - a.year || a.agencyId.localeCompare(b.agencyId));

    // Open: the findings of the clerk's report (青山镇), else of any report with errors.
    const clerkAgency = idByCode.get('QS-T01');
    const open =
      inRegion.find(
        (report) =>
          report.agencyId === clerkAgency &&
          report.findingCounts.errors + report.findingCounts.warnings > 0,
      ) ?? inRegion.find((report) => report.findingCounts.errors > 0);
    if (open) {
      const { findings } = await this.explanations.ofReport(office, open.id);
      await this.rectifications.send(actor(office), {
        dueDate,
        requirement: '请核对与上年报告衔接的数字，更正后重新报送',
        findings: findings.map((finding) => ({ reportId: open.id, findingKey: finding.key })),
      });
    }

    // Warnings: the first is explained and accepted after a notice (closed), the next two
    // explained and awaiting review or rejected.
    const warned = inRegion.filter(
      (report) => report.id !== open?.id && report.findingCounts.warnings > 0,
    );
    const steps = ['closed', 'pending', 'rejected'] as const;
    for (const [index, report] of warned.slice(0, steps.length).entries()) {
      const writer = report.agencyId === clerkAgency ? clerk : admin;
      const { findings } = await this.explanations.ofReport(office, report.id);
      const warning = findings.find((finding) => finding.explainable);
      if (!warning) continue;
      if (steps[index] === 'closed')
        await this.rectifications.send(actor(office), {
          dueDate,
          findings: [{ reportId: report.id, findingKey: warning.key }],
        });
      const written = await this.explanations.write(actor(writer), {
        reportId: report.id,
        findingKey: warning.key,
        text: '统计口径调整：本年度起按市政务公开办通知的口径统计，正文与表格口径不同，数字无误。',
      });
      if (steps[index] === 'closed')
        await this.explanations.decide(actor(office), written.id, {
          accept: true,
          reason: '口径调整有据，予以采纳',
        });
      if (steps[index] === 'rejected')
        await this.explanations.decide(actor(office), written.id, {
          accept: false,
          reason: '未说明口径调整的依据，请补充文件名称',
        });
    }
  }

  /** The real reports of ../shared/corpus, each under an agency of its own. */
  private async seedCorpus(
    admin: AuthUser,
    corpusDir: string,
    failures: string[],
  ): Promise<number> {
    if (!existsSync(corpusDir)) {
      this.logger.warn(`demo: no corpus at ${corpusDir}; skipping the real reports`);
      return 0;
    }
    let count = 0;
    const folders = readdirSync(corpusDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const folder of folders) {
      const expectedFile = join(corpusDir, folder, 'expected.json');
      if (!existsSync(expectedFile)) continue;
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as {
        source: string;
        year: number | null;
      };
      if (expected.year === null) continue; // the blank template is no agency's report
      const code = `CORPUS-${folder.replace(/-\d{4}.*$/, '').toUpperCase()}`;
      try {
        const agency =
          (await this.agencies.findByCode(code)) ??
          (await this.agencies.create({
            code,
            name: corpusAgencyName(folder),
            level: 'other',
            kind: 'government',
            parentId: null,
            // The corpus reports are of past years.
            activeFromYear: null,
          }));
        const bytes = readFileSync(join(corpusDir, folder, expected.source));
        await this.uploadAndReview(
          admin,
          agency.id,
          expected.year,
          bytes,
          expected.source,
          `${expected.year + 1}-01-20`,
          'submitted',
        );
        count++;
      } catch (error) {
        failures.push(`${folder}: ${describe(error)}`);
      }
    }
    return count;
  }

  private async uploadAndReview(
    admin: AuthUser,
    agencyId: string,
    year: number,
    bytes: Buffer,
    fileName: string,
    submittedOn: string,
    status: 'accepted' | 'submitted',
  ): Promise<void> {
    const actor = { user: admin, address: null };
    const uploaded = await this.reports.upload(actor, agencyId, year, { bytes, fileName });
    const submittedAt = new Date(`${submittedOn}T10:00:00+08:00`);
    await this.reports.submit({ ...actor, at: submittedAt }, uploaded.id);
    if (status === 'accepted') {
      await this.reports.review(
        { ...actor, at: new Date(submittedAt.getTime() + 5 * 86_400_000) },
        uploaded.id,
        'accept',
        null,
      );
    }
  }
}

/** The corpus folders' agencies, by folder name (the documents name them the same way). */
function corpusAgencyName(folder: string): string {
  const names: Record<string, string> = {
    hongze: '淮安市洪泽区人民政府',
    huaian: '淮安市人民政府',
    'jiyuan-etdz': '济源经济技术开发区管理办公室',
    pingtan: '平潭综合实验区',
    'shanghai-office': '上海市人民政府办公厅',
  };
  return names[folder.replace(/-\d{4}.*$/, '')] ?? folder;
}

function regionCsv(agencies: readonly DemoAgency[]): string {
  const rows = agencies.map((agency) =>
    [agency.code, agency.name, agency.level, agency.kind, agency.parentCode ?? ''].join(','),
  );
  return ['code,name,level,kind,parent_code', ...rows].join('\n') + '\n';
}

function defaultCorpusDir(): string {
  return join(findWorkspaceRoot() ?? process.cwd(), '..', 'shared', 'corpus');
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'getResponse' in error) {
    const response = (error as { getResponse(): unknown }).getResponse();
    if (response && typeof response === 'object') {
      const { code, message } = response as { code?: string; message?: string };
      return `${code ?? ''} ${message ?? ''}`.trim();
    }
  }
  return error instanceof Error ? error.message : String(error);
}
