import { Badge, Button, Group, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../domain/organization.js';
import { PEOPLE_FILE_COLUMNS } from '../../../shared/people.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { SectionCard } from '../../app/section-card.js';
import { exportUrl } from './api.js';

/** A CSV with only the header row in the chosen language (UTF-8 with BOM so Excel reads it). */
function templateHref(lang: Locale): string {
  const header = PEOPLE_FILE_COLUMNS.map((c) => c[lang]).join(',');
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${header}\r\n`)}`;
}

/** A column header as it is written in the file. */
function Header({ text, lang }: { text: string; lang: Locale }) {
  return (
    <Text span size="sm" lang={lang} ff="monospace">
      {text}
    </Text>
  );
}

/** The columns a people file may have (ja and en headers), a blank template and the current directory to download. */
export function FileColumns() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const downloads = [
    {
      href: templateHref(lang),
      download: lang === 'ja' ? 'people-template-ja.csv' : 'people-template-en.csv',
      label: t('people.importPage.template'),
    },
    { href: exportUrl('xlsx', lang), download: true, label: t('people.importPage.currentXlsx') },
    { href: exportUrl('csv', lang), download: true, label: t('people.importPage.currentCsv') },
  ];
  return (
    <SectionCard
      id="import-columns"
      title={t('people.importPage.columnsTitle')}
      hint={t('people.importPage.columnsHint')}
    >
      <ResponsiveTable
        labelledBy="import-columns"
        minWidth={560}
        look={{ striped: false, verticalSpacing: 6, fz: 'sm' }}
        rows={PEOPLE_FILE_COLUMNS}
        rowKey={(c) => c.field}
        columns={[
          {
            header: t('people.importPage.headerJa'),
            cell: (c) => (
              <>
                <Header text={c.ja} lang="ja" />
                {c.field === 'name' && (
                  <Badge ml={6} size="xs" variant="light" color="red">
                    {t('people.importPage.requiredColumn')}
                  </Badge>
                )}
              </>
            ),
          },
          { header: t('people.importPage.headerEn'), cell: (c) => <Header text={c.en} lang="en" /> },
          { header: t('people.importPage.content'), cell: (c) => t(`people.importPage.columns.${c.field}`) },
        ]}
      />
      <Group mt="md" gap="sm">
        {downloads.map((d) => (
          <Button
            key={d.label}
            variant="default"
            component="a"
            href={d.href}
            download={d.download}
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {d.label}
          </Button>
        ))}
      </Group>
    </SectionCard>
  );
}
