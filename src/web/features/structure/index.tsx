import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { StructurePage } from './structure-page.js';

/** /structure/* — sites (拠点) and departments (部署). */
export default function StructureRoutes() {
  return (
    <Routes>
      <Route index element={<StructurePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
