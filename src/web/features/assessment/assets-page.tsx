import { Button, Checkbox, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ASSET_KINDS, SECRECY_LEVELS } from '../../../domain/assessment.js';
import type { AssetCreate } from '../../../shared/assessment.js';
import { ApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { featureIssueText } from '../../app/feature-issues.js';
import { useFocusFirstInvalid } from '../../app/focus-invalid.js';
import { FormError } from '../../app/forms.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { IconAction } from '../../app/icon-action.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { useGraph } from '../graph/api.js';
import { useAddAsset, useAssessment, useAssets, useDeleteAsset } from './api.js';
import { AssessmentTabs, TableSection } from './parts.js';

type Draft = Omit<AssetCreate, 'systemId' | 'note'> & { systemId: string | null };
const EMPTY: Draft = { kind: 'data', name: '', secrecy: 'internal', mustEncrypt: false, systemId: null };

/** /assessment/:id/assets — the information assets, their secrecy and whether they must be encrypted. */
export function AssetsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const write = useCan()('inventory.write');
  const assessment = useAssessment(id);
  const assets = useAssets(id);
  const graph = useGraph();
  const add = useAddAsset(id);
  const remove = useDeleteAsset(id);
  const invalid = useFocusFirstInvalid<HTMLFormElement>();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const systems = (graph.data?.nodes ?? [])
    .filter((n) => n.type === 'system')
    .map((n) => ({ value: n.id, label: n.name }));
  if (assets.isPending || assessment.isPending) return <PageSkeleton shape="table" />;
  if (assets.isError) return <LoadError error={assets.error} onRetry={() => assets.refetch()} />;
  if (assessment.isError) return <LoadError error={assessment.error} onRetry={() => assessment.refetch()} />;
  const issue = (field: string) => {
    const found =
      add.error instanceof ApiError ? add.error.issues.find((i) => i.path[0] === field) : undefined;
    return found ? featureIssueText(t, 'assessment', found) : undefined;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(draft, { onSuccess: () => setDraft(EMPTY), onError: () => invalid.request() });
  };
  return (
    <>
      <PageHeader title={t('assessment.assetsTitle', { title: assessment.data.title })} />
      <AssessmentTabs id={id} />
      <Text size="sm" mb="md">
        {t('assessment.assetsIntroBefore')}
        <GlossaryTerm id="information-asset">{t('assessment.assetTerm')}</GlossaryTerm>
        {t('assessment.assetsIntroAfter')}
      </Text>
      <Stack gap="lg">
        <TableSection
          id="as-assets"
          title={t('assessment.assetsList')}
          empty={t('assessment.noAssets')}
          minWidth={640}
          rows={assets.data.items}
          columns={[
            { header: t('assessment.fields.name'), cell: (a) => a.name },
            { header: t('assessment.fields.kind'), cell: (a) => t(`assessment.assetKinds.${a.kind}`) },
            { header: t('assessment.fields.secrecy'), cell: (a) => t(`assessment.secrecy.${a.secrecy}`) },
            {
              header: t('assessment.fields.mustEncrypt'),
              cell: (a) => (a.mustEncrypt ? t('assessment.yes') : t('assessment.no')),
            },
            { header: t('assessment.fields.system'), cell: (a) => a.systemName ?? '—' },
          ]}
          actions={
            write
              ? (a) => (
                  <IconAction
                    tooltip={t('assessment.deleteAsset')}
                    label={t('assessment.deleteAssetLabel', { name: a.name })}
                    danger
                    onClick={() => remove.mutate(a.id)}
                  >
                    <IconTrash size={18} aria-hidden="true" />
                  </IconAction>
                )
              : undefined
          }
        />
        {write && (
          <section aria-labelledby="as-asset-add">
            <Title order={2} size="h3" id="as-asset-add" mb="xs">
              {t('assessment.addAsset')}
            </Title>
            <form ref={invalid.ref} onSubmit={submit} noValidate>
              <Stack gap="xs" maw={520}>
                <TextInput
                  label={t('assessment.fields.name')}
                  value={draft.name}
                  onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                  error={issue('name')}
                  required
                />
                <Select
                  label={t('assessment.fields.kind')}
                  data={ASSET_KINDS.map((k) => ({ value: k, label: t(`assessment.assetKinds.${k}`) }))}
                  value={draft.kind}
                  allowDeselect={false}
                  onChange={(v) => v && setDraft({ ...draft, kind: v as Draft['kind'] })}
                />
                <Select
                  label={t('assessment.fields.secrecy')}
                  data={SECRECY_LEVELS.map((k) => ({ value: k, label: t(`assessment.secrecy.${k}`) }))}
                  value={draft.secrecy}
                  allowDeselect={false}
                  onChange={(v) => v && setDraft({ ...draft, secrecy: v as Draft['secrecy'] })}
                />
                <Checkbox
                  label={t('assessment.fields.mustEncrypt')}
                  checked={draft.mustEncrypt}
                  onChange={(e) => setDraft({ ...draft, mustEncrypt: e.currentTarget.checked })}
                />
                <Select
                  label={t('assessment.fields.system')}
                  placeholder={t('assessment.noSystem')}
                  data={systems}
                  value={draft.systemId}
                  clearable
                  searchable
                  error={issue('systemId')}
                  onChange={(v) => setDraft({ ...draft, systemId: v })}
                />
                <FormError
                  message={
                    add.error && !(add.error instanceof ApiError && add.error.issues.length)
                      ? errorMessage(t, add.error)
                      : null
                  }
                />
                <Button type="submit" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
                  {t('assessment.addAsset')}
                </Button>
              </Stack>
            </form>
          </section>
        )}
      </Stack>
    </>
  );
}
