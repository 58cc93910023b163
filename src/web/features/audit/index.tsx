import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { AuditPage } from './audit-page.js';

/** /audit/* — the organization's audit trail (owners and auditors). */
export default function AuditRoutes() {
  return (
    <Routes>
      <Route index element={<AuditPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
