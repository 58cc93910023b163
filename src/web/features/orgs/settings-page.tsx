import { Button, Card, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DAMAGE_MAX_YEN } from '../../../domain/damage.js';
import type { YenTextProblem } from '../../../domain/yen-text.js';
import type { Org, UpdateOrgRequest } from '../../../shared/orgs.js';
import { api, isApiError } from '../../app/api.js';
import { FormError, required, useApiErrors } from '../../app/forms.js';
import { YenInput } from '../../app/money.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { SESSION_KEY, useCan } from '../../app/session.js';
import { ORG_KEY, ORGS_KEY, useOrg } from './api.js';

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Tokyo', 'UTC'];
  }
}

/** Organization name, time zone and annual sales (used by damage estimates). Saving sends the version read, so two editors never overwrite each other. */
export function OrgSettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const org = useOrg();
  /** Why the typed annual sales cannot be read, if so (the text stays in the field). */
  const salesProblem = useRef<YenTextProblem | null>(null);
  const [conflict, setConflict] = useState(false);
  const zones = useMemo(timeZones, []);
  /** Set while reloading after a conflict: the new version is taken, the typed values stay. */
  const keepTyped = useRef(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', timezone: 'Asia/Tokyo', annualSalesYen: null as number | null },
    validate: {
      name: required(t),
      timezone: required(t),
      annualSalesYen: () => (salesProblem.current ? t(`issues.${salesProblem.current}`) : null),
    },
  });
  const errors = useApiErrors(form);

  // Fill the form once the organization has loaded (and again after a reload for a conflict).
  const loaded = org.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a newly loaded version resets the form
  useEffect(() => {
    if (!loaded) return;
    const values = { name: loaded.name, timezone: loaded.timezone, annualSalesYen: loaded.annualSalesYen };
    form.setInitialValues(values);
    if (keepTyped.current) keepTyped.current = false;
    else form.setValues(values);
  }, [loaded?.id, loaded?.version]);

  const save = useMutation({
    mutationFn: (body: UpdateOrgRequest) => api.patch<Org>('/org', body, { ifMatch: org.data?.version ?? 0 }),
    onSuccess: async (updated) => {
      setConflict(false);
      if (updated?.version !== undefined) client.setQueryData(ORG_KEY, updated);
      else await client.invalidateQueries({ queryKey: ORG_KEY });
      await client.invalidateQueries({ queryKey: SESSION_KEY });
      await client.invalidateQueries({ queryKey: ORGS_KEY });
      notify(t('common.saved'));
    },
    onError: (err) => {
      if (isApiError(err, 'version_conflict') || isApiError(err, 'conflict')) {
        setConflict(true);
        errors.clear();
        return;
      }
      errors.show(err);
    },
  });

  const readOnly = !can('org.manage');
  return (
    <>
      <PageHeader title={t('orgSettings.title')} description={t('orgSettings.description')} />
      {org.isPending ? (
        <PageSkeleton shape="form" />
      ) : org.isError ? (
        <LoadError error={org.error} onRetry={() => void org.refetch()} />
      ) : (
        <Card withBorder padding="lg" maw={560}>
          <form
            noValidate
            ref={errors.formRef}
            onSubmit={form.onSubmit((values) => {
              errors.clear();
              save.mutate(values);
            }, errors.focusInvalid)}
          >
            <Stack>
              <FormError message={errors.formError} />
              {conflict && <FormError message={t('orgSettings.conflict')} />}
              {conflict && (
                <Group>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={async () => {
                      // Keep what the user typed; only the version (and the others' values) are refreshed.
                      keepTyped.current = true;
                      await org.refetch();
                      setConflict(false);
                    }}
                  >
                    {t('orgSettings.reloadKeep')}
                  </Button>
                </Group>
              )}
              <TextInput
                label={t('orgs.name')}
                withAsterisk
                readOnly={readOnly}
                {...form.getInputProps('name')}
              />
              <Select
                label={t('orgSettings.timezone')}
                description={t('orgSettings.timezoneHint')}
                withAsterisk
                searchable
                data={zones}
                limit={100}
                readOnly={readOnly}
                allowDeselect={false}
                nothingFoundMessage={t('common.nothingFound')}
                {...form.getInputProps('timezone')}
              />
              <YenInput
                label={t('orgSettings.annualSales')}
                description={t('orgSettings.annualSalesHint')}
                max={DAMAGE_MAX_YEN}
                value={form.values.annualSalesYen}
                error={form.errors.annualSalesYen}
                disabled={readOnly}
                onProblem={(p) => {
                  salesProblem.current = p;
                }}
                onChange={(v) => form.setFieldValue('annualSalesYen', v)}
              />
              {!readOnly && (
                <Group>
                  <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                    {t('common.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        </Card>
      )}
    </>
  );
}
