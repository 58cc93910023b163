import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { ActionsPage } from './actions-page.js';
import { AssetsPage } from './assets-page.js';
import { AssessmentListPage } from './list-page.js';
import { ResultsPage } from './results-page.js';
import { SheetPage } from './sheet-page.js';

/** /assessment/* — the security self-assessment. */
export default function AssessmentRoutes() {
  return (
    <Routes>
      <Route index element={<AssessmentListPage />} />
      <Route path=":id" element={<SheetPage />} />
      <Route path=":id/actions" element={<ActionsPage />} />
      <Route path=":id/results" element={<ResultsPage />} />
      <Route path=":id/assets" element={<AssetsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
