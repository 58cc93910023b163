import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../app/forms.js';
import { ConflictNotice } from '../../app/versioned-form.js';

/**
 * Above the settings: someone else saved first (reload keeps the user's changes on top), the
 * reload happened, or the last save failed.
 */
export function SaveNotices({
  conflict,
  rebased,
  reloading,
  formError,
  onReload,
}: {
  conflict: boolean;
  rebased: boolean;
  reloading: boolean;
  formError: string | null;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {conflict && (
        <ConflictNotice
          message={t('bia.settings.conflict')}
          reloadLabel={t('bia.settings.reload')}
          loading={reloading}
          onReload={onReload}
        />
      )}
      {rebased && !conflict && (
        <Alert color="blue" role="status">
          <Text size="sm">{t('bia.settings.rebased')}</Text>
        </Alert>
      )}
      <FormError message={formError} />
    </>
  );
}

/** Below the settings: save (not while a conflict waits for the reload) or undo every change. */
export function SaveBar({
  saving,
  conflict,
  onSave,
  onUndo,
}: {
  saving: boolean;
  conflict: boolean;
  onSave: () => void;
  onUndo: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button onClick={onSave} loading={saving} disabled={conflict}>
        {t('bia.settings.save')}
      </Button>
      <Button variant="default" onClick={onUndo}>
        {t('bia.settings.undo')}
      </Button>
    </Group>
  );
}
