import { Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { inLanguage, useGlossary } from '../../app/glossary.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';

/** /glossary — every term the app explains, with a search; /glossary#rto opens at that term. */
export function GlossaryPage() {
  const { t, i18n } = useTranslation();
  const glossary = useGlossary();
  const { hash } = useLocation();
  const [query, setQuery] = useState('');

  const loaded = glossary.isSuccess;
  useEffect(() => {
    if (!loaded || !hash) return;
    const target = document.getElementById(`term-${decodeURIComponent(hash.slice(1))}`);
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [loaded, hash]);

  const header = <PageHeader title={t('glossary.title')} description={t('glossary.description')} />;
  if (glossary.isPending)
    return (
      <>
        {header}
        <PageSkeleton shape="cards" />
      </>
    );
  if (glossary.isError)
    return (
      <>
        {header}
        <LoadError error={glossary.error} onRetry={() => void glossary.refetch()} />
      </>
    );

  const lang = i18n.language;
  const needle = query.trim().toLowerCase();
  const terms = glossary.data.terms.filter((entry) =>
    [entry.term.ja, entry.term.en, entry.abbr ?? '', inLanguage(entry.explain, lang)].some((s) =>
      s.toLowerCase().includes(needle),
    ),
  );
  return (
    <>
      {header}
      <TextInput
        label={t('glossary.search')}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        maw={360}
        mb="md"
      />
      {terms.length === 0 ? (
        <Text c="dimmed" role="status">
          {t('glossary.noMatch', { query: query.trim() })}
        </Text>
      ) : (
        <Stack gap="sm">
          {terms.map((entry) => (
            <Card
              key={entry.id}
              withBorder
              padding="md"
              component="section"
              id={`term-${entry.id}`}
              tabIndex={-1}
              aria-labelledby={`term-${entry.id}-title`}
            >
              <Title order={2} size="h4" id={`term-${entry.id}-title`}>
                {inLanguage(entry.term, lang)}
                {entry.abbr ? ` (${entry.abbr})` : ''}
              </Title>
              <Text mt={4}>{inLanguage(entry.explain, lang)}</Text>
            </Card>
          ))}
        </Stack>
      )}
    </>
  );
}
