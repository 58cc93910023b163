import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DAMAGE_TARGETS, INCIDENT_TYPES } from '../../../domain/recovery.js';
import { ContactCreateSchema, ProcedureCreateSchema } from '../../../shared/recovery.js';
import { loadContentFile } from '../../content/load.js';
import { LocalizedTextSchema, SourceSchema } from '../../content/text.js';
import * as recovery from '../recovery/index.js';
import type { DemoContext } from './service.js';

/**
 * The demo's recovery plan (content/demo/demo-recovery.yaml): assumed incidents, procedures of
 * four systems (phase 2 from the 001 template) and the recovery owners and contacts. Loaded
 * through the recovery module's service inside the demo's transaction.
 */

const Key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'key: lower-case letters, digits and dashes')
  .max(60);

const StepSchema = z.strictObject({
  key: Key,
  title: LocalizedTextSchema,
  minutes: z.number().int().min(0).max(525_600),
  after: z.array(Key).default([]),
  owner: Key.optional(),
  after_systems: z.array(Key).default([]),
  contacts_people: z.array(Key).default([]),
  contacts_suppliers: z.array(Key).default([]),
  note: LocalizedTextSchema.optional(),
});

const DemoRecoverySchema = z.strictObject({
  source: SourceSchema,
  incidents: z.array(
    z.strictObject({
      incident: z.enum(INCIDENT_TYPES),
      what_stops: LocalizedTextSchema,
      why: LocalizedTextSchema,
    }),
  ),
  procedures: z.array(
    z.strictObject({
      system: Key,
      degraded_note: LocalizedTextSchema,
      phase1: z.array(StepSchema).min(1),
    }),
  ),
  contacts: z.array(
    z.strictObject({
      target: z.enum(DAMAGE_TARGETS),
      note: LocalizedTextSchema.optional(),
      owner: Key,
      people: z.array(Key).default([]),
      suppliers: z.array(Key).default([]),
    }),
  ),
});

const here = path.dirname(fileURLToPath(import.meta.url));
const FILE = path.resolve(here, '../../../../content/demo/demo-recovery.yaml');

function idOf(map: Map<string, string>, key: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`demo-recovery.yaml: unknown key ${key}`);
  return id;
}

/** The recovery plan of the demo company, after its inventory and BIA. */
export async function loadRecoveryPlan(c: DemoContext): Promise<void> {
  const file = loadContentFile(FILE, DemoRecoverySchema);
  const L = c.locale;
  const nodes = new Map([...c.ids.nodes].map(([k, v]) => [k, v.id]));
  const person = (key: string) => idOf(c.ids.people, key);
  const nodeId = (key: string) => idOf(nodes, key);
  const defaults = recovery.content().incidents;
  for (const i of file.incidents)
    await recovery.saveIncident(c.tx, c.actor, i.incident, 0, {
      assumed: true,
      whatStops: i.what_stops[L],
      whyItMatters: i.why[L],
      layers: defaults.find((d) => d.id === i.incident)?.layers ?? [],
    });
  const phase2 = recovery.content().templates.phase2.map((s) => ({
    key: s.key,
    title: s.title[L],
    templateKey: s.key,
    duration: s.minutes,
    after: s.after,
    note: s.note?.[L] ?? null,
  }));
  for (const p of file.procedures) {
    const input = ProcedureCreateSchema.parse({
      systemId: nodeId(p.system),
      degradedNote: p.degraded_note[L],
      phase1: p.phase1.map((s) => ({
        key: s.key,
        title: s.title[L],
        duration: s.minutes,
        after: s.after,
        ownerPersonId: s.owner ? person(s.owner) : null,
        afterSystems: s.after_systems.map(nodeId),
        contactPersonIds: s.contacts_people.map(person),
        contactSupplierIds: s.contacts_suppliers.map(nodeId),
        note: s.note?.[L] ?? null,
      })),
      phase2,
    });
    await recovery.addProcedure(c.tx, c.actor, input);
  }
  for (const x of file.contacts)
    await recovery.addContact(
      c.tx,
      c.actor,
      ContactCreateSchema.parse({
        target: x.target,
        targetNote: x.note?.[L] ?? null,
        ownerPersonId: person(x.owner),
        contactPersonIds: x.people.map(person),
        contactSupplierIds: x.suppliers.map(nodeId),
      }),
    );
}
