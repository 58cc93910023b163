import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import {
  PlanDocumentSchema,
  PlanEditionCompareSchema,
  type PlanEditionCreate,
  PlanEditionListSchema,
  PlanEditionSchema,
  PlanPolicySchema,
  type PlanPolicyUpdate,
} from '../../../shared/plan.js';
import { api, parsedApi } from '../../app/api.js';

const lang = () => (i18n.language === 'en' ? 'en' : 'ja');
const PLAN_KEY = ['plan'] as const;

/** The live plan as data (GET /plan/document?format=json), for the status list and the preview. */
export function usePlanDocument() {
  const l = lang();
  return useQuery({
    queryKey: [...PLAN_KEY, 'document', l],
    queryFn: () => parsedApi.get(PlanDocumentSchema, `/plan/document?format=json&lang=${l}`),
  });
}

export function usePlanPolicy() {
  const l = lang();
  return useQuery({
    queryKey: [...PLAN_KEY, 'policy', l],
    queryFn: () => parsedApi.get(PlanPolicySchema, `/plan/policy?lang=${l}`),
  });
}

/** PUT /plan/policy with the version the form was loaded at. */
export function useSavePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, input }: { version: number; input: PlanPolicyUpdate }) =>
      PlanPolicySchema.parse(await api.put(`/plan/policy?lang=${lang()}`, input, { ifMatch: version })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: PLAN_KEY }),
  });
}

/** Where each format downloads from (a plain link: the browser saves the file). */
export const planFileUrl = (format: string) => `/api/v1/plan/document?format=${format}&lang=${lang()}`;

/** The newest editions (one page of 50, newest first). */
export function usePlanEditions() {
  return useQuery({
    queryKey: [...PLAN_KEY, 'editions'],
    queryFn: () => parsedApi.get(PlanEditionListSchema, '/plan/editions?limit=50'),
  });
}

/** POST /plan/editions: issue the plan as it is now. */
export function useIssueEdition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: PlanEditionCreate) =>
      PlanEditionSchema.parse(await api.post('/plan/editions', input)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: PLAN_KEY }),
  });
}

/** What changed from edition `from` to edition `to`, in the reader's language. */
export function useEditionCompare(from: number | null, to: number | null) {
  const l = lang();
  return useQuery({
    queryKey: [...PLAN_KEY, 'compare', from, to, l],
    enabled: from !== null && to !== null,
    queryFn: () =>
      parsedApi.get(PlanEditionCompareSchema, `/plan/editions/compare?from=${from}&to=${to}&lang=${l}`),
  });
}

/** Where an edition downloads from, in the reader's language. */
export const editionFileUrl = (n: number, format: string) =>
  `/api/v1/plan/editions/${n}/document?format=${format}&lang=${lang()}`;
