import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ActionPlanSchema,
  type ActionUpdate,
  type AnswerUpdate,
  type AssessmentCreate,
  AssessmentItemSchema,
  AssessmentListSchema,
  AssessmentResultsSchema,
  AssessmentSchema,
  type AssetCreate,
  AssetListSchema,
  AssetSchema,
  ChecklistCatalogSchema,
} from '../../../shared/assessment.js';
import { MemberListResponseSchema } from '../../../shared/orgs.js';
import { api, parsedApi } from '../../app/api.js';

export const ASSESSMENT_KEY = ['assessment'] as const;

export function useChecklists() {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'checklists'],
    queryFn: () => parsedApi.get(ChecklistCatalogSchema, '/assessment/checklists'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useAssessments() {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'list'],
    queryFn: () => parsedApi.get(AssessmentListSchema, '/assessments'),
  });
}

export function useAssessment(id: string) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'one', id],
    queryFn: () => parsedApi.get(AssessmentSchema, `/assessments/${id}`),
  });
}

export function useActionPlan(id: string) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'actions', id],
    queryFn: () => parsedApi.get(ActionPlanSchema, `/assessments/${id}/actions`),
  });
}

export function useResults(id: string, withId: string | null) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'results', id, withId],
    queryFn: () =>
      parsedApi.get(
        AssessmentResultsSchema,
        `/assessments/${id}/results${withId ? `?with=${encodeURIComponent(withId)}` : ''}`,
      ),
  });
}

export function useAssets(id: string) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'assets', id],
    queryFn: () => parsedApi.get(AssetListSchema, `/assessments/${id}/assets`),
  });
}

export function useStartAssessment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessmentCreate) => parsedApi.post(AssessmentSchema, '/assessments', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
}

/** Autosave of one item: If-Match is the answer's own version. */
export async function saveAnswer(answerId: string, version: number, body: AnswerUpdate) {
  const res = await parsedApi.request(AssessmentItemSchema, 'PATCH', `/assessment-answers/${answerId}`, {
    body,
    ifMatch: version,
  });
  return res.data;
}

export function useUpdateAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: ActionUpdate }) =>
      api.patch(`/assessment-actions/${id}`, body, { ifMatch: version }),
    onSettled: () => qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
}

export function useAddAsset(assessmentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssetCreate) =>
      parsedApi.post(AssetSchema, `/assessments/${assessmentId}/assets`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ASSESSMENT_KEY, 'assets', assessmentId] }),
  });
}

export function useDeleteAsset(assessmentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/assessment-assets/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...ASSESSMENT_KEY, 'assets', assessmentId] }),
  });
}

/** Members of the organization for the action owner picker (first 200). */
export function useMemberOptions() {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'members'],
    queryFn: () => parsedApi.get(MemberListResponseSchema, '/org/members?limit=200'),
    select: (d) => d.items.map((m) => ({ value: m.userId, label: m.displayName })),
    staleTime: 60_000,
  });
}
