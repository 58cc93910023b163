import { Navigate, Route, Routes } from 'react-router';
import { BiaPage } from './bia-page.js';

/** /bia/* — business impact analysis; each view has its own address (/bia/inversions …). */
export default function BiaRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="results" replace />} />
      <Route path=":tab" element={<BiaPage />} />
      <Route path="*" element={<Navigate to="/bia/results" replace />} />
    </Routes>
  );
}
