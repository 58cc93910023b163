import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../domain/organization.js';
import { PEOPLE_FILE_COLUMNS } from '../../../shared/people.js';
import { exportUrl } from './api.js';

/** A CSV with only the header row in the chosen language (UTF-8 with BOM so Excel reads it). */
function templateHref(lang: Locale): string {
  const header = PEOPLE_FILE_COLUMNS.map((c) => c[lang]).join(',');
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${header}\r\n`)}`;
}

/** The columns a people file may have (ja and en headers), a blank template and the current directory to download. */
export function FileColumns() {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="import-columns">
      <Title order={2} size="h4" id="import-columns">
        {t('people.importPage.columnsTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('people.importPage.columnsHint')}
      </Text>
      {phone ? (
        <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {PEOPLE_FILE_COLUMNS.map((c) => (
            <li
              key={c.field}
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)', padding: '6px 0' }}
            >
              <Text size="sm" fw={600}>
                <span lang="ja">{c.ja}</span> / <span lang="en">{c.en}</span>
                {c.field === 'name' && (
                  <Badge ml={6} size="xs" variant="light" color="red">
                    {t('people.importPage.requiredColumn')}
                  </Badge>
                )}
              </Text>
              <Text size="sm">{t(`people.importPage.columns.${c.field}`)}</Text>
            </li>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('people.importPage.headerJa')}</Table.Th>
                <Table.Th scope="col">{t('people.importPage.headerEn')}</Table.Th>
                <Table.Th scope="col">{t('people.importPage.content')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {PEOPLE_FILE_COLUMNS.map((c) => (
                <Table.Tr key={c.field}>
                  <Table.Td>
                    <Text span size="sm" lang="ja" ff="monospace">
                      {c.ja}
                    </Text>
                    {c.field === 'name' && (
                      <Badge ml={6} size="xs" variant="light" color="red">
                        {t('people.importPage.requiredColumn')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text span size="sm" lang="en" ff="monospace">
                      {c.en}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`people.importPage.columns.${c.field}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group mt="md" gap="sm">
        <Button
          variant="default"
          component="a"
          href={templateHref(lang)}
          download={lang === 'ja' ? 'people-template-ja.csv' : 'people-template-en.csv'}
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {t('people.importPage.template')}
        </Button>
        <Button
          variant="default"
          component="a"
          href={exportUrl('xlsx', lang)}
          download
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {t('people.importPage.currentXlsx')}
        </Button>
        <Button
          variant="default"
          component="a"
          href={exportUrl('csv', lang)}
          download
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {t('people.importPage.currentCsv')}
        </Button>
      </Group>
    </Card>
  );
}
