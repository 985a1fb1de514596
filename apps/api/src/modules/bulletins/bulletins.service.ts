import { Injectable, Logger, type OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import type { BulletinFormat, RectificationNotice } from '@atlas/api-contract';
import type { AuthUser } from '../../common/auth/auth-user';
import { localDate } from '../../common/reporting-calendar';
import { AnalyticsAnswers } from '../analytics';
import { type Actor, AuditService } from '../audit';
import { RectificationsService } from '../rectification';
import { type Bulletin, type BulletinNotice, buildBulletin, COPIED_RULE } from './bulletin';
import { type BulletinChart, bulletinCharts } from './bulletin-charts';
import { bulletinDocx } from './bulletin-docx';
import { bulletinXlsx } from './bulletin-xlsx';
import { CJK_FONT_VARIABLE, findCjkFont, type FontLookup, renderCharts } from './chart-renderer';

export interface BulletinFile {
  /** ASCII, for clients that cannot read `displayName`. */
  fileName: string;
  displayName: string;
  contentType: string;
  content: Buffer;
}

const CONTENT_TYPES: Record<BulletinFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const fontMissing = (reason: string) =>
  new ServiceUnavailableException({
    code: 'BULLETIN_FONT_MISSING',
    message: `无法生成通报图表：${reason}`,
  });

/**
 * 通报: the notice on a region's annual reports of a year, built from the analytics answers
 * (the same ones `GET /api/analytics/*` gives the caller) and the region's rectification notices
 * (RectificationsService), written as DOCX (with the charts) or XLSX (the same tables). Reads no
 * table of its own.
 */
@Injectable()
export class BulletinsService implements OnModuleInit {
  private readonly logger = new Logger(BulletinsService.name);
  private font: FontLookup = { found: false, reason: '尚未查找字体' };

  constructor(
    private readonly analytics: AnalyticsAnswers,
    private readonly audit: AuditService,
    private readonly rectifications: RectificationsService,
  ) {}

  /** The font is looked up once; a wrong ATLAS_CJK_FONT stops the start with its reason. */
  onModuleInit(): void {
    this.font = findCjkFont(process.env[CJK_FONT_VARIABLE]);
    if (this.font.found) {
      this.logger.log(`通报图表字体：${this.font.path}`);
    } else if (process.env[CJK_FONT_VARIABLE]) {
      throw new Error(this.font.reason);
    } else {
      this.logger.warn(`${this.font.reason}；通报将无法生成`);
    }
  }

  /** The 通报's content: every table, from the analytics answers for the caller's scope. */
  async bulletin(
    user: AuthUser,
    scope: string | undefined,
    year: number,
  ): Promise<Bulletin & { charts: BulletinChart[] }> {
    const region = { scope, subtree: true };
    // The overview first: it refuses a region the caller may not see (404) before the rest.
    const overview = await this.analytics.overview(user, region, year);
    const [breakdown, compliance, quality, copied] = await Promise.all([
      this.analytics.breakdown(user, region, year),
      this.analytics.complianceByChild(user, region, year),
      this.analytics.quality(user, region, { year }),
      this.analytics.quality(user, region, { year, rule: COPIED_RULE }),
    ]);
    // The region is visible (the overview said so): its notices, root by root.
    const notices = (
      await Promise.all(
        overview.scope.agencies.map((root) => this.rectifications.noticesOfRegion(root.id, year)),
      )
    )
      .flat()
      .map(bulletinNotice);
    return {
      ...buildBulletin({ overview, breakdown, compliance, quality, copied, notices }),
      charts: bulletinCharts(year, { submissions: overview.submissions, compliance, breakdown }),
    };
  }

  async file(
    user: AuthUser,
    query: { scope?: string; year: number; format: BulletinFormat },
    actor: Actor,
  ): Promise<BulletinFile> {
    const font = this.font;
    if (query.format === 'docx' && !font.found) throw fontMissing(font.reason);
    const bulletin = await this.bulletin(user, query.scope, query.year);
    const content =
      query.format === 'docx' && font.found
        ? await bulletinDocx(bulletin, renderCharts(bulletin.charts, font.path))
        : await bulletinXlsx(bulletin);
    await this.audit.record({
      ...actor,
      action: 'bulletin.export',
      targetType: 'bulletin',
      ...(query.scope ? { targetId: query.scope } : {}),
      details: { year: query.year, format: query.format, region: bulletin.regionName },
    });
    return {
      fileName: `bulletin-${query.year}.${query.format}`,
      displayName: `${bulletin.regionName}${query.year}年度政府信息公开年报情况通报.${query.format}`,
      contentType: CONTENT_TYPES[query.format],
      content,
    };
  }
}

function bulletinNotice(notice: RectificationNotice): BulletinNotice {
  return {
    agencyName: notice.agencyName ?? '',
    regionNames: notice.regionNames,
    status: notice.status,
    dueDate: notice.dueDate,
    items: notice.itemCount,
    resolvedItems: notice.itemCount - notice.openItemCount,
    closedAt: notice.closedAt ? localDate(new Date(notice.closedAt)) : null,
  };
}
