import type { EmploymentStatus } from '../../../domain/organization.js';
import type { Person } from '../../../shared/people.js';
import { type FormModel, textOrNull } from '../../app/versioned-edit.js';

/** The person form's values: text as typed, choices as their codes or ids. */
export type PersonValues = {
  name: string;
  nameKana: string;
  employeeNumber: string;
  email: string;
  phone: string;
  chatHandle: string;
  siteId: string | null;
  departmentId: string | null;
  homePrefecture: string | null;
  employmentStatus: EmploymentStatus;
};

/** Free-text fields (the others are chosen from a list). */
export type PersonTextField = 'name' | 'nameKana' | 'employeeNumber' | 'email' | 'phone' | 'chatHandle';

/** Every field is text or a code, so the API value is the trimmed text, or null when empty. */
export const personModel: FormModel<Person, PersonValues> = {
  fields: [
    'name',
    'nameKana',
    'employeeNumber',
    'email',
    'phone',
    'chatHandle',
    'siteId',
    'departmentId',
    'homePrefecture',
    'employmentStatus',
  ],
  valuesOf: (p) => ({
    name: p?.name ?? '',
    nameKana: p?.nameKana ?? '',
    employeeNumber: p?.employeeNumber ?? '',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    chatHandle: p?.chatHandle ?? '',
    siteId: p?.siteId ?? null,
    departmentId: p?.departmentId ?? null,
    homePrefecture: p?.homePrefecture ?? null,
    employmentStatus: p?.employmentStatus ?? 'full_time',
  }),
  apiValue: (_field, value) => textOrNull(value),
};
