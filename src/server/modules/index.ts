import type { FastifyPluginAsync } from 'fastify';
import { assessmentRoutes } from './assessment/routes.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import { backupPlanRoutes } from './backup-plan/routes.js';
import { backupRoutes } from './backups/routes.js';
import { biaRoutes } from './bia/routes.js';
import { damageRoutes } from './damage/routes.js';
import { demoRoutes } from './demo/routes.js';
import { diagnosisRoutes } from './diagnosis/routes.js';
import { glossaryRoutes } from './glossary/routes.js';
import { homeRoutes } from './home/routes.js';
import { incidentRoutes } from './incidents/routes.js';
import { inventoryRoutes } from './inventory/routes.js';
import { orgRoutes } from './orgs/routes.js';
import { peopleRoutes } from './people/routes.js';
import { planRoutes } from './plan/routes.js';
import { quakeRoutes } from './quake/routes.js';
import { recoveryRoutes } from './recovery/routes.js';
import { safetyRoutes } from './safety/routes.js';
import { structureRoutes } from './structure/routes.js';

/**
 * Every API module, registered under /api/v1. A module is one folder with routes.ts (HTTP),
 * service.ts (use cases) and repo.ts (SQL). Add new modules here.
 */
export const apiModules: FastifyPluginAsync[] = [
  authRoutes,
  auditRoutes,
  demoRoutes,
  orgRoutes,
  structureRoutes,
  peopleRoutes,
  inventoryRoutes,
  biaRoutes,
  damageRoutes,
  diagnosisRoutes,
  homeRoutes,
  backupRoutes,
  backupPlanRoutes,
  glossaryRoutes,
  planRoutes,
  recoveryRoutes,
  incidentRoutes,
  quakeRoutes,
  safetyRoutes,
  assessmentRoutes,
];
