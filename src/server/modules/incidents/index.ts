/** What other modules use of the incident headquarters: the demo loader's service functions. */

export {
  addDecision,
  addIncident,
  addRosterMember,
  addTask,
  appendEntry,
  changeTrackedSystem,
  closeIncidentIn,
  trackedSystems,
} from './service.js';
