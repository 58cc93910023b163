import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/people.js';
import { PEOPLE_FILE_COLUMNS } from '../../../shared/people.js';
import { RowErrors } from '../../app/row-errors.js';
import { ImportSection } from './import-section.js';
import { personIssueMessage } from './labels.js';

/** The file's column name for an error's field, in the current language ('メールアドレス' / 'email'). */
function columnName(field: string | undefined, lang: string): string {
  if (!field) return '';
  const col = PEOPLE_FILE_COLUMNS.find(
    (c) =>
      c.field === field ||
      (field === 'siteId' && c.field === 'site') ||
      (field === 'departmentId' && c.field === 'department'),
  );
  if (!col) return field;
  return lang === 'en' ? col.en : col.ja;
}

/** The report's bad rows: row, column and reason, the first hundred then more on demand. */
export function BadRows({ errors }: { errors: ImportJob['errors'] }) {
  const { t, i18n } = useTranslation();
  return (
    <ImportSection
      id="import-bad-rows"
      title={t('people.importPage.badRowsTitle')}
      hint={t('people.importPage.badRowsHint')}
    >
      <RowErrors
        errors={errors}
        labelledBy="import-bad-rows"
        words={{
          row: t('people.importPage.row'),
          column: t('people.importPage.column'),
          reason: t('people.importPage.reason'),
          rowColumn: (row, column) => t('people.importPage.rowColumn', { row, column }),
          showing: (shown, total) => t('people.importPage.showingErrors', { shown, total }),
          showMore: t('people.importPage.showMoreErrors'),
        }}
        columnName={(field) => columnName(field, i18n.language)}
        reason={(e) => personIssueMessage(t, e)}
      />
    </ImportSection>
  );
}
