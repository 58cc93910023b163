import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../shared/import-jobs.js';
import type { ImportTarget } from './import-target.js';
import { RowErrors } from './row-errors.js';
import { SectionCard } from './section-card.js';

/** The report's bad rows: row, column and reason, the first hundred then more on demand. */
export function BadRows({ errors, target }: { errors: ImportJob['errors']; target: ImportTarget }) {
  const { t } = useTranslation();
  return (
    <SectionCard id="import-bad-rows" title={t('imports.badRowsTitle')} hint={t('imports.badRowsHint')}>
      <RowErrors
        errors={errors}
        labelledBy="import-bad-rows"
        words={{
          row: t('imports.row'),
          column: t('imports.column'),
          reason: t('imports.reason'),
          rowColumn: (row, column) => t('imports.rowColumn', { row, column }),
          showing: (shown, total) => t('imports.showingErrors', { shown, total }),
          showMore: t('imports.showMoreErrors'),
        }}
        columnName={target.columnName}
        reason={target.issueMessage}
      />
    </SectionCard>
  );
}
