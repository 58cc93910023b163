import { Alert, Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecoveryContent } from '../../../shared/recovery.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useRecoveryContent } from './api.js';

type Lang = 'ja' | 'en';
type Notice = RecoveryContent['firstResponse']['leak']['notices'][number];

/** The cyber first response checklist and, for a data leak, who to tell and by when (001 §被災時の対策). */
export function FirstResponse({ content, lang }: { content: RecoveryContent; lang: Lang }) {
  const { t } = useTranslation();
  const fr = content.firstResponse;
  return (
    <Stack gap="md">
      <List type="ordered" spacing="sm">
        {fr.steps.map((s) => (
          <List.Item key={s.id}>
            <Text fw={600}>{s.title[lang]}</Text>
            <Text size="sm">{s.detail[lang]}</Text>
          </List.Item>
        ))}
      </List>
      <Title order={3} size="h4" id="recovery-leak">
        {t('recovery.firstResponse.leakTitle')}
      </Title>
      <Text size="sm">{fr.leak.intro[lang]}</Text>
      <ResponsiveTable<Notice>
        labelledBy="recovery-leak"
        minWidth={640}
        rows={fr.leak.notices}
        rowKey={(n) => n.id}
        columns={[
          { header: t('recovery.firstResponse.who'), cell: (n) => n.who[lang] },
          { header: t('recovery.firstResponse.when'), cell: (n) => n.when[lang] },
          { header: t('recovery.firstResponse.what'), cell: (n) => n.detail[lang] },
        ]}
      />
      <Alert color="blue" variant="light">
        {t('recovery.firstResponse.checkGuidance')}
      </Alert>
    </Stack>
  );
}

/** /recovery/first-response — the checklist on a page of its own, to open quickly during an incident. */
export function FirstResponsePage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const content = useRecoveryContent();
  return (
    <>
      <PageHeader title={t('recovery.firstResponse.title')} description={t('recovery.firstResponse.intro')} />
      <Anchor component={Link} to="/recovery" mb="md" display="inline-block">
        {t('recovery.backToPlan')}
      </Anchor>
      {content.isPending ? (
        <PageSkeleton shape="block" />
      ) : content.isError ? (
        <LoadError error={content.error} onRetry={() => content.refetch()} />
      ) : (
        <FirstResponse content={content.data} lang={lang} />
      )}
    </>
  );
}
