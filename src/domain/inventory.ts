/**
 * The words of the IT inventory (PRODUCT module 3): its four registers and the codes of their
 * fields. The kinds of node, IT layers, sides and which kind may depend on which are the dependency
 * graph's words (dependency-graph.ts). Pure: no I/O, no zod.
 */

import type { NodeKind } from './dependency-graph.js';

/** The registers as they appear in URLs and file names, one per kind of node. */
export const REGISTERS = ['operations', 'systems', 'components', 'suppliers'] as const;
export type Register = (typeof REGISTERS)[number];

export const REGISTER_NODE_KIND: Readonly<Record<Register, NodeKind>> = {
  operations: 'operation',
  systems: 'system',
  components: 'component',
  suppliers: 'supplier',
};

/** Where a system runs. */
export const HOSTINGS = ['on_premises', 'cloud', 'hosted', 'saas', 'other'] as const;
export type Hosting = (typeof HOSTINGS)[number];

export const SUPPLIER_KINDS = ['vendor', 'cloud', 'isp', 'utility', 'other'] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];
