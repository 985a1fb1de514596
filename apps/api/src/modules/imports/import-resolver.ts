import { Injectable } from '@nestjs/common';
import type { ParsedReport } from '@atlas/report-parser';
import type { AuthUser } from '../../common/auth/auth-user';
import { toErrorBody } from '../../common/filters/all-exceptions.filter';
import { FIRST_REPORT_YEAR, latestEndedYear } from '../../common/reporting-calendar';
import { AgenciesService, type AgencyDto } from '../agencies';
import {
  type ItemFailure,
  importForOtherAgency,
  itemAgencyCodeUnknown,
  itemAgencyNameAmbiguous,
  itemAgencyNameMissing,
  itemAgencyNameUnknown,
  itemAgencyNotOwn,
  itemYearMissing,
  itemYearOutOfRange,
} from './import.errors';
import type { PlannedItem } from './import-manifest';
import { type ImportInference, YEAR_SOURCES, type YearSource } from './import-status';

/** What the manifest says of a file (nulls: infer from the document). */
export interface ManifestTarget {
  readonly manifestAgencyCode: string | null;
  readonly manifestYear: number | null;
}

/** The agency and year a document names, read from the parser's reading of it. */
export interface DocumentIdentity {
  readonly agencyName: string | null;
  readonly year: number | null;
  readonly yearSource: YearSource | null;
}

/** Where a file's agency and year come from, once known. */
export interface Resolution {
  readonly agency: Pick<AgencyDto, 'id' | 'code' | 'name'>;
  readonly year: number;
  readonly inferred: ImportInference;
  readonly documentAgencyName: string | null;
}

/** A failure keeps what the document did say (its agency name, its year), to show beside the reason. */
export type Unresolved = ItemFailure & {
  readonly documentAgencyName?: string | null;
  readonly year?: number | null;
  readonly inferred?: ImportInference;
};

export type Resolved = Resolution | Unresolved;

export const isUnresolved = (resolved: Resolved): resolved is Unresolved => 'code' in resolved;

/** Reads the document when the manifest leaves something to infer; a failure says why it could not. */
export type DocumentReader = () => Promise<DocumentIdentity | ItemFailure>;

/** Resolves the files of one import or preview; the visible agencies by name are loaded once. */
export type ImportResolution = (target: ManifestTarget, readDocument: DocumentReader) => Promise<Resolved>;

type AgenciesByName = Map<string, AgencyDto[]>;

/**
 * Finds each file's agency and year: the manifest's, else the document's (its agency name must
 * be exactly one visible agency's; an uploader's own agency when it names none). Shared by the
 * preview and the worker, so both place a file the same way.
 */
@Injectable()
export class ImportResolver {
  constructor(private readonly agencies: AgenciesService) {}

  /** An uploader's manifest may name its own agency only (403 before anything is stored). */
  async assertOwnAgencyOnly(user: AuthUser, planned: readonly PlannedItem[]): Promise<void> {
    if (user.role !== 'uploader') return;
    const own = user.agencyId === null ? null : await this.agencies.findById(user.agencyId);
    for (const item of planned) {
      if (item.agencyCode !== null && item.agencyCode !== own?.code) {
        throw importForOtherAgency(item.manifestRow ?? 0, item.agencyCode);
      }
    }
  }

  forUser(user: AuthUser): ImportResolution {
    let byName: Promise<AgenciesByName> | null = null;
    const agenciesByName = () => (byName ??= this.agenciesByName(user));
    return (target, readDocument) => this.resolve(target, user, readDocument, agenciesByName);
  }

  private async resolve(
    target: ManifestTarget,
    user: AuthUser,
    readDocument: DocumentReader,
    agenciesByName: () => Promise<AgenciesByName>,
  ): Promise<Resolved> {
    let agency: Resolution['agency'] | null = null;
    if (target.manifestAgencyCode !== null) {
      agency = await this.visibleAgencyByCode(user, target.manifestAgencyCode);
      if (!agency) return itemAgencyCodeUnknown(target.manifestAgencyCode);
    }
    if (agency !== null && target.manifestYear !== null) {
      return { agency, year: target.manifestYear, inferred: {}, documentAgencyName: null };
    }

    const document = await readDocument();
    if ('code' in document) return document;
    const documentAgencyName = document.agencyName;
    const inferred: ImportInference = {};
    let year = target.manifestYear;
    if (year === null) {
      if (document.year === null) return { ...itemYearMissing(), documentAgencyName };
      year = document.year;
      inferred.year = 'document';
      if (document.yearSource) inferred.yearSource = document.yearSource;
    }
    // Only a year that has ended has a published report.
    const latest = latestEndedYear();
    if (year < FIRST_REPORT_YEAR || year > latest) {
      return { ...itemYearOutOfRange(year, latest), documentAgencyName, inferred };
    }
    if (agency === null) {
      const found = await this.agencyNamed(user, documentAgencyName, agenciesByName);
      // The year is known by now: shown beside the reason the agency is not.
      if (!('agency' in found)) return { ...found, documentAgencyName, year, inferred };
      agency = found.agency;
      inferred.agency = found.how;
    }
    return { agency, year, inferred, documentAgencyName };
  }

  private async visibleAgencyByCode(user: AuthUser, code: string): Promise<AgencyDto | null> {
    const agency = await this.agencies.findByCode(code);
    if (!agency) return null;
    try {
      return await this.agencies.assertVisible(user, agency.id);
    } catch {
      return null;
    }
  }

  /**
   * The agency a document names: exactly one visible agency of that name. An uploader sees only
   * its own agency, and a document that names none is taken to be its own.
   */
  private async agencyNamed(
    user: AuthUser,
    name: string | null,
    agenciesByName: () => Promise<AgenciesByName>,
  ): Promise<{ agency: AgencyDto; how: 'name' | 'uploader' } | ItemFailure> {
    if (user.role === 'uploader' && user.agencyId !== null) {
      const own = await this.agencies.assertVisible(user, user.agencyId);
      if (name === null) return { agency: own, how: 'uploader' };
      return name === own.name ? { agency: own, how: 'name' } : itemAgencyNotOwn(name, own.name);
    }
    if (name === null) return itemAgencyNameMissing();
    const matches = (await agenciesByName()).get(name) ?? [];
    const [only] = matches;
    if (only === undefined) return itemAgencyNameUnknown(name);
    if (matches.length > 1) return itemAgencyNameAmbiguous(name, matches.map((agency) => agency.code).sort());
    return { agency: only, how: 'name' };
  }

  private async agenciesByName(user: AuthUser): Promise<AgenciesByName> {
    const byName: AgenciesByName = new Map();
    for (const agency of await this.agencies.list(user, {})) {
      byName.set(agency.name, [...(byName.get(agency.name) ?? []), agency]);
    }
    return byName;
  }
}

/** The agency name and year the parser read (the canonical report is typed loosely here). */
export function identityOf(reading: ParsedReport): DocumentIdentity {
  const { agencyName, year } = reading.report as { agencyName?: unknown; year?: unknown };
  return {
    agencyName: typeof agencyName === 'string' && agencyName.trim() !== '' ? agencyName.trim() : null,
    year: typeof year === 'number' && Number.isInteger(year) ? year : null,
    yearSource: YEAR_SOURCES.find((source) => source === reading.yearSource) ?? null,
  };
}

/** Errors and warnings among a reading's findings (the single-report rules). */
export function findingCountsOf(reading: ParsedReport): { errors: number; warnings: number } {
  const errors = reading.report.findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: reading.report.findings.length - errors };
}

/** A refusal of the reports context keeps its code and Chinese message; anything worse is reported too. */
export function failureOf(error: unknown, onCrash: (error: unknown) => void): ItemFailure {
  const body = toErrorBody(error);
  if (body.statusCode >= 500) onCrash(error);
  return { code: body.code, message: body.message };
}
