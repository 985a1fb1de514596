import {
  buildForest,
  findParentCycles,
  isMoveIntoOwnSubtree,
  isVisibleTo,
  pathBelow,
  pathIdsOf,
  sortInTreeOrder,
  type TreeOrderable,
} from './agency-tree';

const node = (id: string, parentId: string | null, code: string): TreeOrderable => ({
  id,
  parentId,
  code,
});

describe('materialized paths', () => {
  it('builds and splits dot-separated id paths', () => {
    expect(pathBelow(null, 'a')).toBe('a');
    expect(pathBelow('a.b', 'c')).toBe('a.b.c');
    expect(pathIdsOf('a.b.c')).toEqual(['a', 'b', 'c']);
  });
});

describe('isMoveIntoOwnSubtree', () => {
  it('refuses a move under the agency itself or any descendant', () => {
    expect(isMoveIntoOwnSubtree('b', 'a.b')).toBe(true); // onto itself
    expect(isMoveIntoOwnSubtree('b', 'a.b.c.d')).toBe(true); // onto a grandchild
    expect(isMoveIntoOwnSubtree('b', 'a.x')).toBe(false); // onto a cousin
    expect(isMoveIntoOwnSubtree('b', 'a')).toBe(false); // onto its own parent
  });
});

describe('findParentCycles', () => {
  it('finds none in a forest, treating unknown parents as roots', () => {
    const parents = new Map<string, string | null>([
      ['a', null],
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'elsewhere'],
    ]);
    expect(findParentCycles(parents)).toEqual([]);
  });

  it('reports each loop once, including self-loops', () => {
    const parents = new Map<string, string | null>([
      ['tail', 'x'],
      ['x', 'y'],
      ['y', 'z'],
      ['z', 'x'],
      ['self', 'self'],
      ['root', null],
    ]);
    expect(findParentCycles(parents)).toEqual([['x', 'y', 'z'], ['self']]);
  });
});

describe('sortInTreeOrder', () => {
  it('puts parents before children, depth first, siblings by code (numeric aware)', () => {
    const nodes = [
      node('c10', 'p', '3301-10'),
      node('g', 'c9', '3301-09-1'),
      node('p', null, '33'),
      node('c9', 'p', '3301-9'),
      node('q', null, '32'),
    ];
    expect(sortInTreeOrder(nodes).map((item) => item.id)).toEqual(['q', 'p', 'c9', 'g', 'c10']);
  });

  it('treats agencies whose parent is not in the set as roots (a visible part of the tree)', () => {
    const nodes = [
      node('child', 'scope', '2'),
      node('scope', 'hidden-parent', '1'),
      node('other', 'hidden', '0'),
    ];
    expect(sortInTreeOrder(nodes).map((item) => item.id)).toEqual(['other', 'scope', 'child']);
  });

  it('handles very deep trees without recursion', () => {
    const chain = Array.from({ length: 20000 }, (_, index) =>
      node(`n${index}`, index === 0 ? null : `n${index - 1}`, 'x'),
    );
    const sorted = sortInTreeOrder([...chain].reverse());
    expect(sorted[0]?.id).toBe('n0');
    expect(sorted[19999]?.id).toBe('n19999');
  });
});

describe('buildForest', () => {
  it('nests nodes in tree order', () => {
    interface Nested {
      id: string;
      children: Nested[];
    }
    const forest = buildForest<TreeOrderable, Nested>(
      [node('b', 'a', '2'), node('c', 'a', '1'), node('a', null, '1'), node('d', 'c', '1')],
      (item, children) => ({ id: item.id, children }),
    );
    expect(forest).toEqual([
      {
        id: 'a',
        children: [
          { id: 'c', children: [{ id: 'd', children: [] }] },
          { id: 'b', children: [] },
        ],
      },
    ]);
  });
});

describe('isVisibleTo', () => {
  const path = 'province.city.county';
  it('lets admins see everything', () => {
    expect(isVisibleTo({ role: 'admin', agencyId: null, scopeAgencyIds: [] }, path)).toBe(true);
  });

  it('lets oversight users see their scope roots and everything below them', () => {
    const viewer = { role: 'oversight' as const, agencyId: null, scopeAgencyIds: ['city'] };
    expect(isVisibleTo(viewer, 'province.city')).toBe(true);
    expect(isVisibleTo(viewer, path)).toBe(true);
    expect(isVisibleTo(viewer, 'province')).toBe(false);
    expect(isVisibleTo(viewer, 'province.other-city')).toBe(false);
  });

  it('lets uploaders see their own agency only, not its ancestors or descendants', () => {
    const viewer = { role: 'uploader' as const, agencyId: 'city', scopeAgencyIds: [] };
    expect(isVisibleTo(viewer, 'province.city')).toBe(true);
    expect(isVisibleTo(viewer, 'province')).toBe(false);
    expect(isVisibleTo(viewer, path)).toBe(false);
    expect(isVisibleTo({ ...viewer, agencyId: null }, 'province.city')).toBe(false);
  });
});
