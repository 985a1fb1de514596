import type { AgencyDto, AgencyTreeNode } from '../api/agencies';

/** Pure helpers over the nested agency tree of GET /api/agencies/tree. */

/** Every node, parents before children, in tree order. */
export function flattenTree(nodes: readonly AgencyTreeNode[]): AgencyTreeNode[] {
  const result: AgencyTreeNode[] = [];
  const visit = (list: readonly AgencyTreeNode[]) => {
    for (const node of list) {
      result.push(node);
      visit(node.children);
    }
  };
  visit(nodes);
  return result;
}

/** Ids of the agency and everything below it. */
export function subtreeIds(node: AgencyTreeNode): Set<string> {
  return new Set(flattenTree([node]).map((item) => item.id));
}

/**
 * The nodes whose name or code contains `query` (case-insensitive), with their ancestors so
 * they stay in place; a matching node keeps its whole subtree.
 */
export function filterTree(nodes: readonly AgencyTreeNode[], query: string): AgencyTreeNode[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...nodes];
  const matches = (node: AgencyTreeNode) =>
    node.name.toLowerCase().includes(needle) || node.code.toLowerCase().includes(needle);
  return nodes.flatMap((node) => {
    if (matches(node)) return [node];
    const children = filterTree(node.children, needle);
    return children.length > 0 ? [{ ...node, children }] : [];
  });
}

/** "青山县人民政府 / 青山县教育局" for an agency, from the names of the loaded tree. */
export function pathLabel(
  agency: Pick<AgencyDto, 'path' | 'name'>,
  byId: ReadonlyMap<string, Pick<AgencyDto, 'name'>>,
  separator = ' / ',
): string {
  return agency.path.map((id) => byId.get(id)?.name ?? '…').join(separator) || agency.name;
}
