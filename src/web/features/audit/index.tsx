import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../app/coming-soon.js';

/** /audit/* — the tamper-evident record of every change. */
export default function AuditRoutes() {
  const { t } = useTranslation();
  return <ComingSoon title={t('nav.audit')} description={t('audit.description')} />;
}
