/** What other modules (the demo loader) use of BIA; each use case lives in its own file here. */
export { content } from './content.js';
export { current as biaState } from './derivation.js';
export { startSettings } from './settings.js';
export { recordSignoff } from './signoffs.js';
export { view } from './view.js';
