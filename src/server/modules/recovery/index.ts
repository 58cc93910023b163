/** What other modules use of the recovery plan: the demo loader's service functions, the plan document's sections. */

export { recoveryPlanSections } from './plan-section.js';
export { addContact, addProcedure, content, saveIncident } from './service.js';
