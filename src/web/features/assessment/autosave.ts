import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnswerUpdate, Assessment, AssessmentItem } from '../../../shared/assessment.js';
import { ApiError } from '../../app/api.js';
import { ASSESSMENT_KEY, saveAnswer } from './api.js';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'conflict' }
  | { kind: 'error'; error: unknown };

/** How long typing may pause before the item is saved. */
const DELAY_MS = 700;

/**
 * Autosave of one item of the sheet: changes are gathered and sent together after a short pause
 * (or at once by `flush`, e.g. on leaving a field), with the answer's own version as If-Match. When
 * someone else saved the item first (412), the item is reloaded and the state says so.
 */
export function useItemAutosave(assessmentId: string, item: AssessmentItem) {
  const qc = useQueryClient();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef<AnswerUpdate>({});
  const version = useRef(item.answer.version);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A reload (another item saved, a conflict resolved) brings the newest version.
  useEffect(() => {
    if (item.answer.version > version.current) version.current = item.answer.version;
  }, [item.answer.version]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const body = pending.current;
    if (Object.keys(body).length === 0) return;
    pending.current = {};
    setState({ kind: 'saving' });
    try {
      const saved = await saveAnswer(item.answer.id, version.current, body);
      version.current = saved.answer.version;
      qc.setQueryData<Assessment>([...ASSESSMENT_KEY, 'one', assessmentId], (old) =>
        old ? { ...old, items: old.items.map((i) => (i.key === saved.key ? saved : i)) } : old,
      );
      setState({ kind: 'saved' });
      void qc.invalidateQueries({ queryKey: [...ASSESSMENT_KEY, 'actions', assessmentId] });
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setState({ kind: 'conflict' });
        await qc.invalidateQueries({ queryKey: [...ASSESSMENT_KEY, 'one', assessmentId] });
      } else setState({ kind: 'error', error: err });
    }
  }, [assessmentId, item.answer.id, qc]);

  const change = useCallback(
    (patch: AnswerUpdate) => {
      pending.current = {
        ...pending.current,
        ...patch,
        ...(patch.impact ? { impact: { ...pending.current.impact, ...patch.impact } } : {}),
      };
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DELAY_MS);
    },
    [flush],
  );

  // Leaving the page sends what is still waiting.
  const latestFlush = useRef(flush);
  latestFlush.current = flush;
  useEffect(() => () => void latestFlush.current(), []);

  return { state, change, flush };
}
