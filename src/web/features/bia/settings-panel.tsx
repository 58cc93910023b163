import { Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dequal } from 'dequal';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BiaSettings, ScaleChangeReport } from '../../../shared/bia-api.js';
import { ApiError, api, isApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageLoader } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { BIA_KEY, INVENTORY_KEY } from '../graph/api.js';
import { featureIssueMessage } from '../graph/labels.js';
import { useBiaContent, useBiaSettings } from './api.js';
import { MatrixEditor } from './matrix-editor.js';
import { RtoTableEditor } from './rto-table-editor.js';
import { SaveBar, SaveNotices } from './save-bar.js';
import { ScaleChangeDialog } from './scale-change-dialog.js';
import { ScaleChoice } from './scale-choice.js';
import { draftOf, isDraftChanged, type RtoTable, rebaseDraft, type SettingsDraft } from './settings-draft.js';

/** The saved settings the user started from, and what they have changed since. */
interface Editing {
  base: BiaSettings;
  draft: SettingsDraft;
}

/**
 * Scale, level definitions, the priority matrix (every cell) and the RTO table (presets or custom).
 * Saving sends the version the user started from; when someone else saved in between, the user
 * reloads the latest settings with their own changes kept on top (rebaseDraft), then saves again.
 */
export function SettingsPanel() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const write = can('inventory.write');
  const client = useQueryClient();
  const settings = useBiaSettings();
  const content = useBiaContent();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [rebased, setRebased] = useState(false);
  const [report, setReport] = useState<ScaleChangeReport | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'ja';

  // Start editing from the saved settings. A later load replaces the form only while nothing is
  // changed in it: a refresh never throws away what the user chose (their save meets the conflict).
  const data = settings.data;
  useEffect(() => {
    if (!data) return;
    setEditing((e) => (e && isDraftChanged(e.draft, e.base) ? e : { base: data, draft: draftOf(data) }));
  }, [data]);
  const draft = editing?.draft;
  const edit = (change: Partial<SettingsDraft>) =>
    setEditing((e) => e && { ...e, draft: { ...e.draft, ...change } });
  const startFrom = (saved: BiaSettings) => {
    setEditing({ base: saved, draft: draftOf(saved) });
    setRebased(false);
  };

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: BIA_KEY });
    await client.invalidateQueries({ queryKey: INVENTORY_KEY });
  };

  const presetTables: { id: string; table: RtoTable }[] = content.data?.rtoTables ?? [];

  const save = useMutation({
    mutationFn: () => {
      if (!editing) throw new Error('nothing to save');
      const { matrix, rtoTable, rtoPreset } = editing.draft;
      const presetTable = content.data?.rtoTables.find((p) => p.id === rtoPreset);
      const body =
        presetTable && dequal(presetTable.table, rtoTable) ? { matrix, rtoPreset } : { matrix, rtoTable };
      return api.patch<BiaSettings>('/bia/settings', body, { ifMatch: editing.base.version });
    },
    onSuccess: async (saved) => {
      startFrom(saved);
      setError(null);
      notify(t('bia.settings.saved'));
      await refresh();
    },
    onError: (err) => {
      if (isApiError(err, 'version_conflict')) setConflict(true);
      else setError(err);
    },
  });

  const scaleCheck = useMutation({
    mutationFn: (v: { scale: 3 | 5; apply: boolean }) =>
      api.post<ScaleChangeReport>('/bia/settings/scale', v, { ifMatch: editing?.base.version ?? 0 }),
    onSuccess: async (r) => {
      if (r.applied) {
        // The matrix is the new scale's preset now; RTO changes not yet saved stay in the form.
        setEditing((e) => ({
          base: r.settings,
          draft: e ? rebaseDraft(e.draft, e.base, r.settings, presetTables) : draftOf(r.settings),
        }));
        setReport(null);
        notify(t('bia.settings.scaleChanged', { scale: r.to }));
        await refresh();
      } else setReport(r);
    },
    onError: (err) => {
      if (isApiError(err, 'version_conflict')) setConflict(true);
      else setError(err);
    },
  });

  const reload = useMutation({
    mutationFn: async () => {
      const latest = await settings.refetch();
      if (latest.error) throw latest.error;
      return latest.data;
    },
    onSuccess: (latest) => {
      if (!latest) return;
      setEditing((e) => ({
        base: latest,
        draft: e ? rebaseDraft(e.draft, e.base, latest, presetTables) : draftOf(latest),
      }));
      setConflict(false);
      setRebased(true);
    },
    onError: setError,
  });
  if (settings.isPending || content.isPending || !editing || !draft) return <PageLoader />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (content.isError) return <LoadError error={content.error} onRetry={() => void content.refetch()} />;
  const { matrix, rtoTable: table, rtoPreset: preset } = draft;
  const scale = editing.base.scale;
  const scaleContent = content.data.scales.find((s) => s.scale === scale);
  const issues = error instanceof ApiError ? error.issues : [];
  const cellIssue = (d: number, i: number) =>
    issues.find((x) => x.path[0] === 'matrix' && Number(x.path[1]) === d - 1 && Number(x.path[2]) === i - 1);
  const rtoIssue = (p: string) => issues.find((x) => x.path[0] === 'rtoTable' && x.path[1] === p);
  const otherIssues = issues.filter((x) => x.path[0] !== 'matrix' && x.path[0] !== 'rtoTable');
  const formError =
    error && (!(error instanceof ApiError) || error.issues.length === 0)
      ? errorMessage(t, error)
      : otherIssues.map((x) => featureIssueMessage(t, x)).join(' ') ||
        (issues.length > 0 ? t('bia.settings.fixCells') : null);

  const levelName = (axis: 'importance' | 'dependency', level: number) =>
    scaleContent?.[axis].find((l) => l.level === level)?.label[lang] ?? String(level);

  return (
    <Stack gap="lg">
      <SaveNotices
        conflict={conflict}
        rebased={rebased}
        reloading={reload.isPending}
        formError={formError}
        onReload={() => reload.mutate()}
      />
      <ScaleChoice
        scale={scale}
        scaleContent={scaleContent}
        lang={lang}
        disabled={!write || scaleCheck.isPending}
        onChoose={(v) => scaleCheck.mutate({ scale: v, apply: false })}
      />
      <MatrixEditor
        scale={scale}
        matrix={matrix}
        presets={content.data.matrices}
        lang={lang}
        write={write}
        levelName={levelName}
        cellIssue={cellIssue}
        onChange={(next) => edit({ matrix: next })}
      />
      <RtoTableEditor
        presets={content.data.rtoTables}
        preset={preset}
        table={table}
        lang={lang}
        write={write}
        rtoIssue={rtoIssue}
        onChange={edit}
      />
      {write && (
        <SaveBar
          saving={save.isPending}
          conflict={conflict}
          onSave={() => save.mutate()}
          onUndo={() => {
            setError(null);
            startFrom(settings.data);
          }}
        />
      )}
      <ScaleChangeDialog
        report={report}
        applying={scaleCheck.isPending}
        onClose={() => setReport(null)}
        onApply={(to) => scaleCheck.mutate({ scale: to, apply: true })}
      />
    </Stack>
  );
}
