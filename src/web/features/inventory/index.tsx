import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { InventoryImportPage } from './import-page.js';
import { InventoryPage } from './inventory-page.js';

/** /inventory/* — the four registers (operations, systems, components, suppliers) and their import. */
export default function InventoryRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="operations" replace />} />
      <Route path=":register" element={<InventoryPage />} />
      <Route path=":register/import" element={<InventoryImportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
