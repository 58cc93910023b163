import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { BackupsPage } from './backups-page.js';

/** /backups/* — keizoku's own backups (owners and admins). */
export default function BackupsRoutes() {
  return (
    <Routes>
      <Route index element={<BackupsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
