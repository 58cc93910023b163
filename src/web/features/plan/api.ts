import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import { PlanDocumentSchema, PlanPolicySchema, type PlanPolicyUpdate } from '../../../shared/plan.js';
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
