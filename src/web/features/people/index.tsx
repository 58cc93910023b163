import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/page-state.js';
import { ImportPage } from './import-page.js';
import { PeoplePage } from './people-page.js';

/** /people/* — the people directory (every employee, whether or not they sign in) and its import. */
export default function PeopleRoutes() {
  return (
    <Routes>
      <Route index element={<PeoplePage />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
