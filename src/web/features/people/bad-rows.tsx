import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/people.js';
import { PEOPLE_FILE_COLUMNS } from '../../../shared/people.js';
import { personIssueMessage } from './labels.js';

const ERRORS_PAGE = 100;

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
  const [shown, setShown] = useState(ERRORS_PAGE);
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const visible = errors.slice(0, shown);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="import-bad-rows">
      <Title order={2} size="h4" id="import-bad-rows">
        {t('people.importPage.badRowsTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('people.importPage.badRowsHint')}
      </Text>
      {phone ? (
        <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {visible.map((e) => (
            <li
              key={`${e.row}-${e.field ?? ''}-${e.code}`}
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)', padding: '6px 0' }}
            >
              <Text size="sm" fw={600}>
                {t('people.importPage.rowColumn', {
                  row: e.row,
                  column: columnName(e.field, i18n.language) || '—',
                })}
              </Text>
              <Text size="sm">{personIssueMessage(t, e)}</Text>
            </li>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={90}>
                  {t('people.importPage.row')}
                </Table.Th>
                <Table.Th scope="col" w={180}>
                  {t('people.importPage.column')}
                </Table.Th>
                <Table.Th scope="col">{t('people.importPage.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visible.map((e) => (
                <Table.Tr key={`${e.row}-${e.field ?? ''}-${e.code}`}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{columnName(e.field, i18n.language)}</Table.Td>
                  <Table.Td>{personIssueMessage(t, e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {errors.length > shown && (
        <Group mt="sm" gap="sm">
          <Text size="sm" c="dimmed">
            {t('people.importPage.showingErrors', { shown, total: errors.length })}
          </Text>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => setShown((n) => n + ERRORS_PAGE * 5)}
          >
            {t('people.importPage.showMoreErrors')}
          </Anchor>
        </Group>
      )}
    </Card>
  );
}
