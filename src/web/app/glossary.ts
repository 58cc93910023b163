import { useQuery } from '@tanstack/react-query';
import type { GlossaryResponse, GlossaryTerm } from '../../shared/glossary.js';
import type { Language } from '../i18n/index.js';
import { api } from './api.js';

const GLOSSARY_KEY = ['glossary'] as const;

/**
 * The glossary (content/glossary/terms.yaml, the same for everyone): read once per visit, and
 * only when `enabled` — a term asks for it when it is first opened.
 */
export function useGlossary(enabled = true) {
  return useQuery({
    queryKey: GLOSSARY_KEY,
    queryFn: () => api.get<GlossaryResponse>('/glossary'),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

/** A glossary entry's text in the reader's language (English for any language not in the file). */
export function inLanguage(text: GlossaryTerm['term'], language: string): string {
  return text[(language === 'ja' ? 'ja' : 'en') satisfies Language];
}
