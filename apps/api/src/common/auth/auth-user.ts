import type { Role } from '@atlas/api-contract';

/** The three roles of the product (see docs/architecture.md), as the API contract names them. */
export { ROLES, type Role } from '@atlas/api-contract';

/**
 * Who is calling, as every guarded route sees it. Oversight users read the subtrees rooted at
 * `scopeAgencyIds`; uploaders act for `agencyId` only; admins see everything.
 */
export interface AuthUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** Uploader: the one agency it reports for. */
  readonly agencyId: string | null;
  /** Oversight: roots of the agency subtrees it may see. */
  readonly scopeAgencyIds: readonly string[];
  /** An admin chose the password: until the user picks their own, nothing else is allowed. */
  readonly mustChangePassword?: boolean;
}
