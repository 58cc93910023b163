import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ManagementChecklistContent,
  ManagementChecklistSchema,
  type TierMeasuresContent,
  TierMeasuresSchema,
  type TierQuestionnaireContent,
  TierQuestionnaireSchema,
} from '../../../domain/content-schemas.js';
import { loadContentFile } from '../../content/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** src/server/modules/diagnosis and dist/server/modules/diagnosis are both four levels below the root. */
const DIR = path.resolve(here, '../../../../content/diagnosis');

let questionnaire: TierQuestionnaireContent | null = null;
let measures: TierMeasuresContent | null = null;
let checklist: ManagementChecklistContent | null = null;

export function tierQuestionnaire(): TierQuestionnaireContent {
  questionnaire ??= loadContentFile(path.join(DIR, 'tier-questionnaire.yaml'), TierQuestionnaireSchema);
  return questionnaire;
}

export function tierMeasures(): TierMeasuresContent {
  measures ??= loadContentFile(path.join(DIR, 'tier-measures.yaml'), TierMeasuresSchema);
  return measures;
}

export function managementChecklist(): ManagementChecklistContent {
  checklist ??= loadContentFile(path.join(DIR, 'management-checklist.yaml'), ManagementChecklistSchema);
  return checklist;
}
