import { Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Assessment } from '../../../shared/assessment.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { featureIssues } from '../../app/feature-issues.js';
import { FormError, required } from '../../app/forms.js';
import { notify } from '../../app/notify.js';
import type { FormModel } from '../../app/versioned-edit.js';
import { textOrNull } from '../../app/versioned-edit.js';
import { FormActions, useVersionedForm, VersionedFormFrame } from '../../app/versioned-form.js';
import { ASSESSMENT_KEY, useAssets } from './api.js';

type Values = { title: string; assessedOn: string };

/** The name and the day of an assessment, as the rename form edits them. */
const renameModel: FormModel<Assessment, Values> = {
  fields: ['title', 'assessedOn'],
  valuesOf: (a) => ({ title: a?.title ?? '', assessedOn: a?.assessedOn ?? '' }),
  apiValue: (field, value) => (field === 'title' ? (textOrNull(value) ?? '') : value),
};

const issues = featureIssues('assessment');

/** Rename and delete, beside the assessment's title (shown to those who may change it). */
export function ManageAssessment({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'rename' | 'delete' | null>(null);
  const close = () => setOpen(null);
  return (
    <Group gap="xs">
      <Button
        variant="default"
        size="sm"
        leftSection={<IconPencil size={16} aria-hidden="true" />}
        onClick={() => setOpen('rename')}
      >
        {t('assessment.rename')}
      </Button>
      <Button
        variant="outline"
        color="red.9"
        size="sm"
        leftSection={<IconTrash size={16} aria-hidden="true" />}
        onClick={() => setOpen('delete')}
      >
        {t('assessment.delete')}
      </Button>
      <Modal
        opened={open === 'rename'}
        onClose={close}
        title={t('assessment.renameTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        {open === 'rename' && <RenameForm assessment={assessment} onDone={close} />}
      </Modal>
      <Modal
        opened={open === 'delete'}
        onClose={close}
        title={t('assessment.deleteTitle', { title: assessment.title })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        {open === 'delete' && <DeleteConfirm assessment={assessment} onCancel={close} />}
      </Modal>
    </Group>
  );
}

/** A new name or day for the assessment, saved with If-Match so nobody's change is overwritten. */
function RenameForm({ assessment, onDone }: { assessment: Assessment; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const edit = useVersionedForm<Assessment, Values>({
    model: renameModel,
    item: assessment,
    path: '/assessments',
    validate: { title: required(t), assessedOn: required(t) },
    errorsOf: (err, fields) => issues.formErrors(t, err, fields, (e) => errorMessage(t, e)),
    onSaved: async (saved) => {
      notify(t('assessment.renamed', { title: saved.title }));
      await qc.invalidateQueries({ queryKey: ASSESSMENT_KEY });
      onDone();
    },
  });
  return (
    <VersionedFormFrame
      edit={edit}
      texts={{ conflict: t('assessment.renameConflict'), reloadKeep: t('assessment.reloadKeep') }}
      submitLabel={t('common.save')}
      onCancel={onDone}
    >
      <TextInput
        label={t('assessment.fields.title')}
        withAsterisk
        maxLength={200}
        data-autofocus
        {...edit.form.getInputProps('title')}
      />
      <TextInput
        type="date"
        label={t('assessment.fields.assessedOn')}
        {...edit.form.getInputProps('assessedOn')}
      />
    </VersionedFormFrame>
  );
}

/** What deleting loses, said before it is done: answers, actions and information assets. */
function DeleteConfirm({ assessment, onCancel }: { assessment: Assessment; onCancel: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const assets = useAssets(assessment.id);
  const remove = useMutation({
    mutationFn: () => api.delete(`/assessments/${assessment.id}`),
    onSuccess: async () => {
      notify(t('assessment.deleted', { title: assessment.title }));
      qc.removeQueries({ queryKey: [...ASSESSMENT_KEY, 'one', assessment.id] });
      await qc.invalidateQueries({ queryKey: ASSESSMENT_KEY });
      await navigate('/assessment');
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        remove.mutate();
      }}
    >
      <Stack>
        <Text>{t('assessment.deleteLead', { title: assessment.title })}</Text>
        <List size="sm">
          <List.Item>{t('assessment.deleteAnswers', { count: assessment.decided })}</List.Item>
          <List.Item>{t('assessment.deleteActions', { count: assessment.openActions })}</List.Item>
          <List.Item>{t('assessment.deleteAssets', { count: assets.data?.items.length ?? 0 })}</List.Item>
        </List>
        <Text size="sm">{t('assessment.deleteKeep')}</Text>
        <FormError message={remove.error && errorMessage(t, remove.error)} />
        <FormActions
          onCancel={onCancel}
          submitLabel={t('assessment.deleteConfirm')}
          loading={remove.isPending}
          danger
        />
      </Stack>
    </form>
  );
}
