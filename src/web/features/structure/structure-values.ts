import type { SiteKind } from '../../../domain/organization.js';
import type { Department, Site } from '../../../shared/structure.js';
import { type FormModel, textOrNull } from '../../app/versioned-edit.js';

export type SiteValues = {
  name: string;
  kind: SiteKind;
  prefectureCode: string | null;
  address: string;
};

export const siteModel: FormModel<Site, SiteValues> = {
  fields: ['name', 'kind', 'prefectureCode', 'address'],
  valuesOf: (s) => ({
    name: s?.name ?? '',
    kind: s?.kind ?? 'branch',
    prefectureCode: s?.prefectureCode ?? null,
    address: s?.address ?? '',
  }),
  apiValue: (_field, value) => textOrNull(value),
};

export type DepartmentValues = {
  name: string;
};

export const departmentModel: FormModel<Department, DepartmentValues> = {
  fields: ['name'],
  valuesOf: (d) => ({ name: d?.name ?? '' }),
  apiValue: (_field, value) => textOrNull(value),
};
