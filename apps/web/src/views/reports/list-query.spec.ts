import { describe, expect, it } from 'vitest';
import { readListQuery, toListQuery } from './list-query';

const AGENCY = 'a0000000-0000-4000-8000-000000000001';

describe('report list query', () => {
  it('reads filters and page from the URL', () => {
    expect(
      readListQuery({
        agencyId: AGENCY,
        year: '2023',
        status: 'submitted',
        page: '3',
        pageSize: '50',
      }),
    ).toEqual({
      agencyId: AGENCY,
      year: 2023,
      status: 'submitted',
      page: 3,
      pageSize: 50,
    });
  });

  it('leaves out what is malformed and defaults the page', () => {
    expect(
      readListQuery({ agencyId: 'x', year: 'abc', status: 'lost', page: '-1', pageSize: '7' }),
    ).toEqual({
      page: 1,
      pageSize: 20,
    });
  });

  it('writes short URLs that read back the same', () => {
    const filters = {
      agencyId: AGENCY,
      year: 2024,
      status: 'draft' as const,
      page: 2,
      pageSize: 20,
    };
    const query = toListQuery(filters);
    expect(query).toEqual({ agencyId: AGENCY, year: '2024', status: 'draft', page: '2' });
    expect(readListQuery(query as Record<string, string>)).toEqual(filters);
    expect(toListQuery({ page: 1, pageSize: 20 })).toEqual({});
  });
});
