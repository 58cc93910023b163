import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { DiagnosisPage } from './diagnosis-page.js';

/** /diagnosis/* — the IT dependency tier (松竹梅), tasks and the owner's checklist. */
export default function DiagnosisRoutes() {
  return (
    <Routes>
      <Route index element={<DiagnosisPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
