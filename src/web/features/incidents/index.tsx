import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { HqPage } from './hq-page.js';
import { IncidentsPage } from './incidents-page.js';
import { SituationPage } from './situation-page.js';

/** /incidents/* — the incident headquarters: the list, and one incident's HQ. */
export default function IncidentRoutes() {
  return (
    <Routes>
      <Route index element={<IncidentsPage />} />
      <Route path=":id" element={<HqPage />} />
      <Route path=":id/report" element={<SituationPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
