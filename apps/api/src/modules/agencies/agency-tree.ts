import type { AuthUser } from '../../common/auth/auth-user';
import type { AgencyKind, AgencyLevel } from './agency-taxonomy';

/**
 * An agency as stored. `path` is the dot-separated ids from the root down to the agency itself,
 * so a subtree is `path LIKE '<root path>%'` (ids are fixed-length UUIDs: no false prefixes).
 */
export interface StoredAgency {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly level: AgencyLevel;
  readonly kind: AgencyKind;
  readonly parentId: string | null;
  readonly path: string;
  readonly depth: number;
  readonly activeFromYear: number | null;
  readonly activeToYear: number | null;
}

const PATH_SEPARATOR = '.';

export function pathIdsOf(path: string): string[] {
  return path.split(PATH_SEPARATOR);
}

export function pathBelow(parentPath: string | null, id: string): string {
  return parentPath === null ? id : `${parentPath}${PATH_SEPARATOR}${id}`;
}

/** Moving an agency under itself or under one of its descendants would detach a loop. */
export function isMoveIntoOwnSubtree(agencyId: string, newParentPath: string): boolean {
  return pathIdsOf(newParentPath).includes(agencyId);
}

/**
 * Every loop in a child → parent map, each listed from the first member met. Parents missing from
 * the map count as roots.
 */
export function findParentCycles<K>(parentOf: ReadonlyMap<K, K | null>): K[][] {
  const settled = new Set<K>();
  const cycles: K[][] = [];
  for (const start of parentOf.keys()) {
    const trail: K[] = [];
    const onTrail = new Set<K>();
    let current: K | null = start;
    while (current !== null && !settled.has(current) && !onTrail.has(current)) {
      trail.push(current);
      onTrail.add(current);
      current = parentOf.get(current) ?? null;
    }
    if (current !== null && onTrail.has(current)) cycles.push(trail.slice(trail.indexOf(current)));
    for (const member of trail) settled.add(member);
  }
  return cycles;
}

export interface TreeOrderable {
  readonly id: string;
  readonly parentId: string | null;
  readonly code: string;
}

// Codes are usually division codes ("330100"); numeric collation keeps "9" before "10".
const codeCollator = new Intl.Collator('en', { numeric: true });

function compareSiblings(a: TreeOrderable, b: TreeOrderable): number {
  return codeCollator.compare(a.code, b.code) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Depth-first, parents before children, siblings by code. Nodes whose parent is not among `nodes`
 * (the top of a visible part of the tree) are treated as roots.
 */
export function sortInTreeOrder<T extends TreeOrderable>(nodes: readonly T[]): T[] {
  const present = new Set(nodes.map((node) => node.id));
  const roots: T[] = [];
  const childrenOf = new Map<string, T[]>();
  for (const node of nodes) {
    if (node.parentId === null || !present.has(node.parentId)) {
      roots.push(node);
    } else {
      const siblings = childrenOf.get(node.parentId);
      if (siblings) siblings.push(node);
      else childrenOf.set(node.parentId, [node]);
    }
  }
  const ordered: T[] = [];
  // An explicit stack: a deep tree must not exhaust the call stack.
  const stack = [...roots].sort(compareSiblings).reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    ordered.push(node);
    const children = childrenOf.get(node.id);
    if (children) stack.push(...[...children].sort(compareSiblings).reverse());
  }
  return ordered;
}

/** Nests `nodes` in tree order; `makeNode` receives the (still filling) list of its children. */
export function buildForest<T extends TreeOrderable, N>(
  nodes: readonly T[],
  makeNode: (item: T, children: N[]) => N,
): N[] {
  const roots: N[] = [];
  const childrenById = new Map<string, N[]>();
  for (const item of sortInTreeOrder(nodes)) {
    const children: N[] = [];
    childrenById.set(item.id, children);
    const parentChildren = item.parentId === null ? undefined : childrenById.get(item.parentId);
    (parentChildren ?? roots).push(makeNode(item, children));
  }
  return roots;
}

export type AgencyViewer = Pick<AuthUser, 'role' | 'agencyId' | 'scopeAgencyIds'>;

/**
 * The scope rule: admins see every agency; oversight users the subtrees under their scope roots;
 * uploaders their own agency only (not its ancestors, not its descendants).
 */
export function isVisibleTo(viewer: AgencyViewer, agencyPath: string): boolean {
  const ids = pathIdsOf(agencyPath);
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'oversight':
      return ids.some((id) => viewer.scopeAgencyIds.includes(id));
    case 'uploader':
      return viewer.agencyId !== null && ids[ids.length - 1] === viewer.agencyId;
  }
}
