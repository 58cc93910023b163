import { Anchor, Loader, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from './errors.js';
import { inLanguage, useGlossary } from './glossary.js';

/**
 * A word an owner may not know (RTO, 構成要素 …), dotted-underlined: pressing it (click, tap,
 * Enter or Space) opens its short explanation from the glossary; Escape or a press elsewhere
 * closes it. Phones have no hover, so it opens on press only. `id` is the entry's id in
 * content/glossary/terms.yaml; `children` is the word as the sentence around it spells it.
 */
export function GlossaryTerm({ id, children }: { id: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const glossary = useGlossary(opened);
  const entry = glossary.data?.terms.find((term) => term.id === id);
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      width={300}
      position="bottom-start"
      shadow="md"
      withArrow
      trapFocus
      hideDetached={false}
      returnFocus
      closeOnEscape
    >
      <Popover.Target>
        <UnstyledButton className="glossary-term" onClick={() => setOpened((o) => !o)}>
          {children}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown role="dialog">
        <Stack gap={6}>
          {glossary.isPending ? (
            <Loader size="xs" aria-label={t('common.loading')} />
          ) : glossary.isError ? (
            <Text size="sm">{errorMessage(t, glossary.error)}</Text>
          ) : (
            <>
              <Text fw={600} size="sm">
                {entry ? inLanguage(entry.term, i18n.language) : children}
                {entry?.abbr ? ` (${entry.abbr})` : ''}
              </Text>
              <Text size="sm">
                {entry ? inLanguage(entry.explain, i18n.language) : t('glossary.unknown')}
              </Text>
            </>
          )}
          {/* Always there, so the focus has a place to go while the explanation loads. */}
          <Anchor component={Link} to={`/glossary#${id}`} size="sm" onClick={() => setOpened(false)}>
            {t('glossary.seeAll')}
          </Anchor>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * The terms a page uses that an owner may not know, in one line under its heading, each opening
 * its explanation, then how to open them: "BIA · 優先度 · 目標復旧時間 … 点線の付いた用語を押すと説明が出ます。"
 */
export function GlossaryTerms({ ids }: { ids: readonly GlossaryId[] }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" mt={-12} mb="md">
      {ids.map((id) => (
        <Fragment key={id}>
          <GlossaryTerm id={id}>{t(`glossary.terms.${id}`)}</GlossaryTerm>
          {' · '}
        </Fragment>
      ))}
      {t('glossary.hint')}
    </Text>
  );
}

/** Glossary entries with a word of their own in the locale files (glossary.terms.<id>). */
type GlossaryId =
  | 'rto'
  | 'expected-recovery'
  | 'inversion'
  | 'bia'
  | 'component'
  | 'layer'
  | 'supplier'
  | 'priority'
  | 'sla'
  | 'eol'
  | 'mfa'
  | 'three-two-one'
  | 'zero-trust'
  | 'sha-256'
  | 'signoff'
  | 'provisional-recovery'
  | 'full-recovery';
