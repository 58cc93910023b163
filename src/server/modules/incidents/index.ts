/**
 * What other modules use of the incident headquarters: the demo loader's service functions, the
 * earthquake trigger's declaration (quake), the live events safety confirmation appends inside its
 * audited transactions (appendIncidentEvent), and the situation report's sections (safety).
 */

export {
  addDecision,
  addIncident,
  addPrefectures,
  addRosterMember,
  addTask,
  appendEntry,
  changeTrackedSystem,
  closeIncidentIn,
  event as appendIncidentEvent,
  events as appendIncidentEvents,
  touchedSystems,
  trackedSystems,
} from './service.js';
export {
  registerSituationSection,
  type SituationContext,
  type SituationSection,
} from './situation-sections.js';
