import { describe, expect, it } from 'vitest';
import type { AgencyTreeNode } from '../api/agencies';
import { filterTree, flattenTree, pathLabel, subtreeIds } from './agency-tree';

function node(
  id: string,
  name: string,
  code: string,
  path: string[],
  children: AgencyTreeNode[] = [],
): AgencyTreeNode {
  return {
    id,
    name,
    code,
    level: 'county',
    kind: 'department',
    parentId: path.length > 1 ? (path[path.length - 2] ?? null) : null,
    path,
    depth: path.length - 1,
    activeFromYear: null,
    activeToYear: null,
    children,
  };
}

const town = node(
  't',
  '青山镇人民政府',
  'QS-T01',
  ['r', 't'],
  [node('v', '青山镇村务办', 'QS-T01-1', ['r', 't', 'v'])],
);
const edu = node('e', '青山县教育局', 'QS-D03', ['r', 'e']);
const root = node('r', '青山县人民政府', 'QS', ['r'], [edu, town]);

describe('agency tree helpers', () => {
  it('flattens parents before children, in tree order', () => {
    expect(flattenTree([root]).map((item) => item.id)).toEqual(['r', 'e', 't', 'v']);
  });

  it('collects a subtree', () => {
    expect([...subtreeIds(town)]).toEqual(['t', 'v']);
  });

  it('keeps matches with their ancestors, and a matching node with its subtree', () => {
    const byName = filterTree([root], '教育');
    expect(byName).toHaveLength(1);
    expect(byName[0]?.children.map((child) => child.id)).toEqual(['e']);

    const byCode = filterTree([root], 'qs-t01');
    expect(byCode[0]?.children.map((child) => child.id)).toEqual(['t']);
    expect(byCode[0]?.children[0]?.children.map((child) => child.id)).toEqual(['v']);

    expect(filterTree([root], '不存在')).toEqual([]);
    expect(filterTree([root], '  ')).toEqual([root]);
    expect(root.children).toHaveLength(2);
  });

  it('names an agency by its path', () => {
    const byId = new Map(flattenTree([root]).map((item) => [item.id, item]));
    expect(pathLabel(town.children[0] as AgencyTreeNode, byId)).toBe(
      '青山县人民政府 / 青山镇人民政府 / 青山镇村务办',
    );
  });
});
