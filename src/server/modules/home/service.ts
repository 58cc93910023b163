import type { Role } from '../../../domain/organization.js';
import {
  HOME_FINDING_SEVERITIES,
  type HomeFinding,
  type HomeFindingsResponse,
} from '../../../shared/home.js';
import type { Db } from '../../db/database.js';
import { lockedAccountFindings } from '../auth/findings.js';

/** Who looks at the home page: what a finding may show depends on the organization and the role. */
export interface FindingsViewer {
  orgId: string;
  role: Role;
}

/** One module's findings for the home page, already filtered for the viewer. */
export type FindingsContributor = (db: Db, viewer: FindingsViewer) => Promise<HomeFinding[]>;

/** Every module that tells the home page something adds its one function here. */
const CONTRIBUTORS: readonly FindingsContributor[] = [lockedAccountFindings];

const urgency = (f: HomeFinding) => HOME_FINDING_SEVERITIES.indexOf(f.severity);

/** The findings of every module for this viewer, most urgent first (modules' order within). */
export async function homeFindings(db: Db, viewer: FindingsViewer): Promise<HomeFindingsResponse> {
  const lists = await Promise.all(CONTRIBUTORS.map((contribute) => contribute(db, viewer)));
  return { items: lists.flat().sort((a, b) => urgency(a) - urgency(b)) };
}
