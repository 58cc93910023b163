import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { FirstResponsePage } from './first-response.js';
import { ProcedurePage } from './procedure-page.js';
import { RecoveryPage } from './recovery-page.js';

/** /recovery/* — the recovery plan: overview, a system's procedure, the cyber first response. */
export default function RecoveryRoutes() {
  return (
    <Routes>
      <Route index element={<RecoveryPage />} />
      <Route path="systems/:systemId" element={<ProcedurePage />} />
      <Route path="first-response" element={<FirstResponsePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
