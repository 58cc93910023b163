import { describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/people.js';
import { createPayload, mergeLatest, updatePayload } from '../../app/versioned-edit.js';
import { personModel } from './person-values.js';

const person: Person = {
  id: 'p1',
  employeeNumber: 'E001',
  name: '山田 太郎',
  nameKana: 'ヤマダ タロウ',
  email: 'taro@example.com',
  phone: null,
  chatHandle: null,
  siteId: 's1',
  siteName: '本社',
  departmentId: null,
  departmentName: null,
  homePrefecture: '33',
  employmentStatus: 'full_time',
  archivedAt: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  version: 2,
};

describe('person form values', () => {
  it('start empty for a new person, full time', () => {
    expect(personModel.valuesOf(null)).toMatchObject({
      name: '',
      siteId: null,
      employmentStatus: 'full_time',
    });
  });

  it('show a saved person with empty text for missing values', () => {
    expect(personModel.valuesOf(person)).toMatchObject({ phone: '', siteId: 's1', homePrefecture: '33' });
  });

  it('create a person with trimmed text and without empty fields', () => {
    const values = { ...personModel.valuesOf(null), name: ' 佐藤 花子 ', email: '  ', homePrefecture: '13' };
    expect(createPayload(personModel, values)).toEqual({
      name: '佐藤 花子',
      homePrefecture: '13',
      employmentStatus: 'full_time',
    });
  });

  it('update only what changed, clearing an emptied field', () => {
    const values = {
      ...personModel.valuesOf(person),
      email: '',
      phone: ' 090-1234-5678 ',
      name: '山田 太郎 ',
    };
    expect(updatePayload(personModel, values, person)).toEqual({ email: null, phone: '090-1234-5678' });
  });

  it('after a conflict keep the typed phone and take the other person’s new site', () => {
    const typed = { ...personModel.valuesOf(person), phone: '03-0000-0000' };
    const latest = { ...person, version: 3, siteId: 's2', siteName: '大阪', phone: '06-1111-1111' };
    const merged = mergeLatest(personModel, typed, person, latest);
    expect(merged).toMatchObject({ phone: '03-0000-0000', siteId: 's2' });
  });
});
