import type { AuthUser } from '../../../common/auth/auth-user';
import {
  disjointRoots,
  resolveScope,
  type ScopeAgency,
  type ScopeLookups,
} from './analytics-scope';

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const agency = (n: number, parent: ScopeAgency | null): ScopeAgency => ({
  id: id(n),
  code: `C${n}`,
  name: `单位${n}`,
  path: parent ? `${parent.path}.${id(n)}` : id(n),
});

const root = agency(1, null);
const city = agency(2, root);
const county = agency(3, city);
const other = agency(4, null);
const all = [root, city, county, other];

const lookups: ScopeLookups = {
  agenciesByIds: async (ids) => all.filter((a) => ids.includes(a.id)),
  treeRoots: async () => [root, other],
};

function user(role: AuthUser['role'], extra: Partial<AuthUser> = {}): AuthUser {
  return {
    id: 'u',
    username: 'u',
    displayName: 'u',
    role,
    agencyId: null,
    scopeAgencyIds: [],
    ...extra,
  };
}

describe('analytics scope', () => {
  it('drops roots that lie below another root', () => {
    expect(disjointRoots([county, root, other, root]).map((a) => a.id)).toEqual([
      root.id,
      other.id,
    ]);
  });

  it('defaults to everything the caller sees', async () => {
    expect((await resolveScope(user('admin'), {}, lookups)).roots).toEqual([root, other]);
    expect(await resolveScope(user('admin'), {}, lookups)).toMatchObject({ wholeTree: true });
    expect(await resolveScope(user('admin'), { subtree: false }, lookups)).not.toHaveProperty(
      'wholeTree',
    );
    const oversight = user('oversight', { scopeAgencyIds: [county.id, city.id] });
    expect(await resolveScope(oversight, {}, lookups)).toEqual({ roots: [city], subtree: true });
  });

  it('narrows to a visible agency and hides the rest as not found', async () => {
    const oversight = user('oversight', { scopeAgencyIds: [city.id] });
    expect(await resolveScope(oversight, { scope: county.id, subtree: false }, lookups)).toEqual({
      roots: [county],
      subtree: false,
    });
    await expect(resolveScope(oversight, { scope: root.id }, lookups)).rejects.toMatchObject({
      response: { code: 'AGENCY_NOT_FOUND' },
    });
    await expect(resolveScope(oversight, { scope: other.id }, lookups)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('keeps an uploader to its own agency, never its subtree', async () => {
    const uploader = user('uploader', { agencyId: city.id });
    expect(await resolveScope(uploader, { subtree: true }, lookups)).toEqual({
      roots: [city],
      subtree: false,
    });
    await expect(resolveScope(uploader, { scope: county.id }, lookups)).rejects.toMatchObject({
      status: 404,
    });
  });
});
