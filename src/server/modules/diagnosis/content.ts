import {
  ManagementChecklistSchema,
  TierMeasuresSchema,
  TierQuestionnaireSchema,
} from '../../../domain/content-schemas.js';
import { contentFile } from '../../content/load.js';

/** content/diagnosis/tier-questionnaire.yaml: the tier diagnosis questions. */
export const tierQuestionnaire = contentFile('diagnosis/tier-questionnaire.yaml', TierQuestionnaireSchema);

/** content/diagnosis/tier-measures.yaml: the measures of each tier. */
export const tierMeasures = contentFile('diagnosis/tier-measures.yaml', TierMeasuresSchema);

/** content/diagnosis/management-checklist.yaml: the management checklist. */
export const managementChecklist = contentFile(
  'diagnosis/management-checklist.yaml',
  ManagementChecklistSchema,
);
