import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { BackupPlanPage } from './backup-plan-page.js';
import { BackupPlanEditorPage } from './editor-page.js';

/** /backup-plan/* — the company's backup plan per system or data set. */
export default function BackupPlanRoutes() {
  return (
    <Routes>
      <Route index element={<BackupPlanPage />} />
      <Route path="new" element={<BackupPlanEditorPage />} />
      <Route path=":id" element={<BackupPlanEditorPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
