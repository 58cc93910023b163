import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  downloadUrl,
  fileLanguage,
  isNarrowed,
  listParams,
  listPath,
  pageItems,
  queryString,
  searchText,
} from './list-query.js';

describe('searchText', () => {
  it('trims and cuts at 100 characters', () => {
    expect(searchText('  山田  ')).toBe('山田');
    expect(searchText('   ')).toBe('');
    expect(searchText('x'.repeat(150))).toHaveLength(100);
  });
});

describe('queryString', () => {
  it('leaves out null, undefined, empty text and false', () => {
    expect(queryString({ a: 'x', b: null, c: undefined, d: '', e: false, f: true, g: 0 })).toBe(
      'a=x&f=true&g=0',
    );
  });
});

describe('listPath', () => {
  it('asks for the page size first and the cursor last', () => {
    expect(listPath('/people', { q: 'abc', includeArchived: true }, 'c2')).toBe(
      '/people?limit=50&q=abc&includeArchived=true&cursor=c2',
    );
  });

  it('has no cursor on the first page, and takes another page size', () => {
    expect(listPath('/org/members', {}, '', 100)).toBe('/org/members?limit=100');
  });

  it('encodes the search', () => {
    expect(listPath('/people', { q: '山田 太郎' })).toBe(
      `/people?limit=50&q=${encodeURIComponent('山田')}+${encodeURIComponent('太郎')}`,
    );
  });
});

describe('list state', () => {
  const state = {
    q: '  sales ',
    filters: { siteId: 's1', departmentId: null, employmentStatus: undefined },
    sort: '-updatedAt',
    includeArchived: false,
  };

  it('becomes query parameters with the search trimmed and unset filters left out', () => {
    expect(listPath('/inventory/systems', listParams(state))).toBe(
      '/inventory/systems?limit=50&q=sales&sort=-updatedAt&siteId=s1',
    );
  });

  it('counts the register filters that are set', () => {
    expect(activeFilterCount(state)).toBe(1);
    expect(activeFilterCount({ filters: {} })).toBe(0);
  });

  it('is narrowed by a search or a filter, not by blanks', () => {
    expect(isNarrowed(state)).toBe(true);
    expect(isNarrowed({ q: '   ', filters: { siteId: null } })).toBe(false);
    expect(isNarrowed({ q: 'x', filters: {} })).toBe(true);
  });
});

describe('downloads', () => {
  it('builds the export link under the API base', () => {
    expect(
      downloadUrl('/people/export', { format: 'csv', lang: fileLanguage('en'), includeArchived: false }),
    ).toBe('/api/v1/people/export?format=csv&lang=en');
    expect(
      downloadUrl('/inventory/systems/export', { lang: fileLanguage('fr'), includeArchived: true }),
    ).toBe('/api/v1/inventory/systems/export?lang=ja&includeArchived=true');
  });
});

describe('pageItems', () => {
  it('joins the pages loaded so far', () => {
    expect(pageItems({ pages: [{ items: [1, 2] }, { items: [3] }] })).toEqual([1, 2, 3]);
    expect(pageItems(undefined)).toEqual([]);
  });
});
