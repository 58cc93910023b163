import { Box, Button, Group, Stack } from '@mantine/core';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import type { Edge } from '../../../shared/inventory.js';
import { LAYOUT, layeredLayout, NODE_STYLE, nodeShapeOf } from './graph-layout.js';

export interface GraphViewProps {
  nodes: { id: string; type: NodeKind; name: string; priority?: string | null }[];
  edges: Pick<Edge, 'fromId' | 'toId'>[];
  /** Node ids to highlight (failure impact); others are dimmed when this is not empty. */
  highlightNodes?: ReadonlySet<string>;
  /** Edges "from>to" drawn as RTO inversions (red, dashed). */
  inversionEdges?: ReadonlySet<string>;
  /** Node ids at either end of an inversion (red border). */
  inversionNodes?: ReadonlySet<string>;
  selected?: string | null;
  onSelect?: (id: string | null) => void;
  label: string;
}

/** Labels are 14 graph units: from this zoom on they are drawn at 12 px or more. */
const READABLE_ZOOM = 12 / LAYOUT.fontSize;
/** A small graph is not blown up beyond this. */
const MAX_FIT_ZOOM = 1.2;
const PADDING = 24;

/**
 * Shows `eles` whole when that keeps the labels readable; otherwise at the readable zoom with
 * `focus` (the inversions) or else the top left of `eles` (the first operations) in view.
 */
function showReadable(c: Core, eles: cytoscape.Collection, focus?: cytoscape.Collection): void {
  c.fit(eles, PADDING);
  if (c.zoom() > MAX_FIT_ZOOM) {
    c.zoom(MAX_FIT_ZOOM);
    const box = eles.boundingBox({});
    c.pan({ x: PADDING - box.x1 * MAX_FIT_ZOOM, y: PADDING - box.y1 * MAX_FIT_ZOOM });
  }
  if (c.zoom() >= READABLE_ZOOM) return;
  c.zoom(READABLE_ZOOM);
  if (focus && focus.length > 0) {
    c.center(focus);
    return;
  }
  const box = eles.boundingBox({});
  c.pan({ x: PADDING - box.x1 * READABLE_ZOOM, y: PADDING - box.y1 * READABLE_ZOOM });
}

/**
 * The dependency graph (operation → system → component → supplier) in columns by kind, left to
 * right (see graph-layout.ts), names written inside the boxes and wrapped, never cut. Zoom and
 * pan with the mouse or fingers; a tap selects a node, a tap on the background clears it. The
 * lists beside it carry the same facts for screen readers, so the canvas is labelled as a picture.
 * The frame is as tall as the graph needs, up to what fits the window.
 */
export default function GraphView({
  nodes,
  edges,
  highlightNodes,
  inversionEdges,
  inversionNodes,
  selected,
  onSelect,
  label,
}: GraphViewProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  const { elements, naturalHeight } = useMemo(() => {
    const ids = new Set(nodes.map((n) => n.id));
    const shown = edges.filter((e) => ids.has(e.fromId) && ids.has(e.toId));
    const labels = nodes.map((n) => ({
      ...n,
      label: n.priority ? `${n.name} [${n.priority}]` : n.name,
    }));
    const placed = layeredLayout(labels, shown);
    let bottom = 0;
    const list: ElementDefinition[] = [
      ...labels.map((n) => {
        const p = placed.get(n.id);
        bottom = Math.max(bottom, (p?.y ?? 0) + (p?.height ?? 0) / 2);
        return {
          data: {
            id: n.id,
            label: n.label,
            color: NODE_STYLE[n.type].color,
            fill: NODE_STYLE[n.type].fill,
            shape: NODE_STYLE[n.type].shape,
            width: p?.width ?? LAYOUT.width,
            height: p?.height ?? 40,
          },
          position: { x: p?.x ?? 0, y: p?.y ?? 0 },
        };
      }),
      ...shown.map((e) => ({ data: { id: `${e.fromId}>${e.toId}`, source: e.fromId, target: e.toId } })),
    ];
    return { elements: list, naturalHeight: bottom + 2 * PADDING };
  }, [nodes, edges]);

  const focusInversions = inversionNodes && inversionNodes.size > 0;
  useEffect(() => {
    if (!ref.current) return;
    const instance = cytoscape({
      container: ref.current,
      elements,
      layout: { name: 'preset' },
      minZoom: 0.1,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      autoungrabify: true,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(fill)',
            'border-color': 'data(color)',
            'border-width': 2,
            shape: (node) => nodeShapeOf(node.data('shape')),
            label: 'data(label)',
            'font-size': LAYOUT.fontSize,
            'line-height': LAYOUT.lineHeight / LAYOUT.fontSize,
            color: '#212529',
            'text-valign': 'center',
            'text-halign': 'center',
            'text-wrap': 'wrap',
            'text-overflow-wrap': 'anywhere',
            'text-max-width': `${LAYOUT.width - 2 * LAYOUT.padding}px`,
            width: 'data(width)',
            height: 'data(height)',
          },
        },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': '#adb5bd',
            'target-arrow-color': '#adb5bd',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            'arrow-scale': 0.9,
          },
        },
        { selector: '.dim', style: { opacity: 0.18 } },
        {
          selector: 'node.hit',
          style: { 'border-width': 4, 'border-color': '#f59f00', 'background-color': '#fff9db' },
        },
        {
          selector: 'edge.hit',
          style: { 'line-color': '#f59f00', 'target-arrow-color': '#f59f00', width: 3 },
        },
        {
          selector: 'node.inv',
          style: { 'border-width': 4, 'border-color': '#e03131', 'background-color': '#fff5f5' },
        },
        {
          selector: 'edge.inv',
          style: {
            'line-color': '#e03131',
            'target-arrow-color': '#e03131',
            'line-style': 'dashed',
            width: 3,
            'z-index': 10,
          },
        },
        { selector: 'node.sel', style: { 'border-width': 5, 'border-color': '#212529' } },
      ],
    });
    instance.on('tap', 'node', (evt) => onSelectRef.current?.(evt.target.id()));
    instance.on('tap', (evt) => {
      if (evt.target === instance) onSelectRef.current?.(null);
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [elements]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: classes are applied again after the graph is rebuilt
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    c.batch(() => {
      c.elements().removeClass('dim hit inv sel');
      if (highlightNodes && highlightNodes.size > 0) {
        c.elements().addClass('dim');
        c.nodes().forEach((n) => {
          if (highlightNodes.has(n.id())) n.removeClass('dim').addClass('hit');
        });
        c.edges().forEach((e) => {
          if (highlightNodes.has(e.source().id()) && highlightNodes.has(e.target().id()))
            e.removeClass('dim').addClass('hit');
        });
      }
      c.edges().forEach((e) => {
        if (inversionEdges?.has(e.id())) e.addClass('inv');
      });
      c.nodes().forEach((n) => {
        if (inversionNodes?.has(n.id())) n.addClass('inv');
        if (selected && n.id() === selected) n.addClass('sel');
      });
    });
  }, [highlightNodes, inversionEdges, inversionNodes, selected, elements]);

  // The view is set when the graph or what it highlights changes, not when a node is selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: elements rebuild the instance, so the view is set again
  useEffect(() => {
    const c = cy.current;
    if (!c) return;
    if (highlightNodes && highlightNodes.size > 0) showReadable(c, c.elements('.hit'));
    else showReadable(c, c.elements(), focusInversions ? c.elements('.inv') : undefined);
  }, [highlightNodes, focusInversions, elements]);

  // The button sits above the drawing, never on top of a node.
  return (
    <Stack gap={6}>
      <Group justify="flex-end">
        <Button variant="default" size="xs" onClick={() => cy.current?.fit(cy.current.elements(), PADDING)}>
          {t('bia.graph.showAll')}
        </Button>
      </Group>
      <Box
        ref={ref}
        role="img"
        aria-label={label}
        h={`clamp(240px, ${Math.ceil(naturalHeight)}px, max(320px, 100dvh - 380px))`}
        style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: '#fff' }}
      />
    </Stack>
  );
}
