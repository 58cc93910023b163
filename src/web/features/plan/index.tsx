import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { OfflinePlanPage } from './offline-page.js';
import { PlanPage } from './plan-page.js';

/** /plan/* — the IT-BCP document. */
export default function PlanRoutes() {
  return (
    <Routes>
      <Route index element={<PlanPage />} />
      <Route path="offline" element={<OfflinePlanPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
