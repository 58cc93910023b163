import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { DamagePage } from './damage-page.js';

/** /damage/* — damage estimates. */
export default function DamageRoutes() {
  return (
    <Routes>
      <Route index element={<DamagePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
