import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeFinding, HomeFindingsResponse } from '../../../shared/home.js';
import { api } from '../../app/api.js';
import { formatDateTime } from '../../app/errors.js';
import { useAuthedSession } from '../../app/session.js';

/** Params that carry an ISO time: shown as a date and time in the reader's language. */
const TIME_PARAMS = new Set(['until']);

const COLORS: Record<HomeFinding['severity'], string> = { critical: 'red', warning: 'orange', info: 'blue' };

function sentenceParams(finding: HomeFinding): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(finding.params))
    out[key] = TIME_PARAMS.has(key) && typeof value === 'string' ? formatDateTime(value) : value;
  return out;
}

/**
 * What the modules want the reader to know now (GET /home/findings), one plain sentence each with
 * what to do. Shows nothing when there is nothing to tell or the list could not be loaded.
 */
export function HomeFindings() {
  const { t } = useTranslation();
  const orgId = useAuthedSession().currentOrg?.id;
  const findings = useQuery({
    queryKey: ['home', 'findings', orgId],
    queryFn: () => api.get<HomeFindingsResponse>('/home/findings'),
    // Findings are about an organization: none without one.
    enabled: orgId !== undefined,
  });
  const items = findings.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="home-findings">
      <Title order={2} size="h4" id="home-findings" mb="sm">
        {t('home.findingsTitle')}
      </Title>
      <Stack gap="sm">
        {items.map((finding) => {
          const params = sentenceParams(finding);
          return (
            <Alert
              // Findings have no id; the same code repeats with other params (two locked members).
              key={`${finding.code}:${JSON.stringify(finding.params)}`}
              color={COLORS[finding.severity]}
              icon={
                finding.severity === 'info' ? (
                  <IconInfoCircle size={18} aria-hidden="true" />
                ) : (
                  <IconAlertTriangle size={18} aria-hidden="true" />
                )
              }
            >
              <Text fw={600}>{t(`home.findings.${finding.code}.text`, params)}</Text>
              <Text size="sm">{t(`home.findings.${finding.code}.todo`, params)}</Text>
              {finding.link && (
                // Dark text on the tinted alert: the theme's link blue is too faint on orange.
                <Anchor component={Link} to={finding.link} size="sm" c="inherit" fw={600} underline="always">
                  {t(`home.findings.${finding.code}.action`, params)}
                </Anchor>
              )}
            </Alert>
          );
        })}
      </Stack>
    </section>
  );
}
