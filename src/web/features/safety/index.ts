/** Safety confirmation (安否確認): the section the HQ page of an incident shows. */
export { SafetySection } from './safety-section.js';
