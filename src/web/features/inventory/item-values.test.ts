import { describe, expect, it } from 'vitest';
import type { Component, Operation } from '../../../shared/inventory.js';
import { createPayload, mergeLatest, updatePayload } from '../../app/versioned-edit.js';
import { itemModel } from './item-values.js';

const stamp = { archivedAt: null, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' };
const operation: Operation = {
  ...stamp,
  id: 'o1',
  version: 5,
  name: '受注',
  description: null,
  ownerPersonId: 'p1',
  ownerPersonName: '山田',
  ownerText: null,
  importance: 4,
  dependencyLevel: null,
  rtoOverride: { kind: 'duration', minutes: 180 },
  needsData: ['受注台帳', '顧客名簿'],
  needsTerminals: [],
  needsProcedureManuals: [],
  needsUserManuals: [],
};

describe('inventory item form values', () => {
  const model = itemModel('operations');

  it('show levels as text, lists one item a line, an RTO as it is', () => {
    expect(model.valuesOf(operation)).toMatchObject({
      importance: '4',
      dependencyLevel: null,
      needsData: '受注台帳\n顧客名簿',
      needsTerminals: '',
      rtoOverride: { kind: 'duration', minutes: 180 },
      description: '',
    });
  });

  it('start a new component on layer 4, server side; a new supplier as a vendor', () => {
    expect(itemModel('components').valuesOf(null)).toMatchObject({
      layer: '4',
      side: 'server',
      declaredRto: null,
    });
    expect(itemModel('suppliers').valuesOf(null)).toMatchObject({ kind: 'vendor' });
  });

  it('create with numbers for levels and layers and without empty fields', () => {
    const values = { ...itemModel('components').valuesOf(null), name: ' NAS ' };
    expect(createPayload(itemModel('components'), values)).toEqual({ name: 'NAS', layer: 4, side: 'server' });
  });

  it('update only what changed: a list split into lines, a level cleared', () => {
    const values = { ...model.valuesOf(operation), needsData: '受注台帳\n 在庫表 \n\n', importance: null };
    expect(updatePayload(model, values, operation)).toEqual({
      needsData: ['受注台帳', '在庫表'],
      importance: null,
    });
  });

  it('after a conflict keep the typed RTO and take the new name', () => {
    const typed = { ...model.valuesOf(operation), rtoOverride: { kind: 'risk_accepted' } as const };
    const latest: Operation = { ...operation, version: 6, name: '受注処理', rtoOverride: null };
    expect(mergeLatest(model, typed, operation, latest)).toMatchObject({
      name: '受注処理',
      rtoOverride: { kind: 'risk_accepted' },
    });
  });

  it('treat a component the server returns as the same values it was created from', () => {
    const component: Component = {
      ...stamp,
      id: 'c1',
      version: 1,
      name: 'NAS',
      description: null,
      layer: 3,
      side: 'client',
      declaredRto: null,
    };
    const m = itemModel('components');
    expect(updatePayload(m, m.valuesOf(component), component)).toEqual({});
  });
});
