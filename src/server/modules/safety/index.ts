/** What other modules use of safety confirmation: the demo's past drill. */
export { addPastRequest } from './service.js';
