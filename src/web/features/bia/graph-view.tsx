import { Box, Button, Group, Stack } from '@mantine/core';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import type { Edge } from '../../../shared/inventory.js';

cytoscape.use(dagre);

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
  onSelect?: (id: string) => void;
  label: string;
  height?: number;
}

/** Labels are 11 px: below this zoom they shrink under ~9 px and can no longer be read. */
const READABLE_ZOOM = 0.8;
/** A graph with more nodes than this gets a taller frame. */
const TALL_FROM = 60;

/**
 * Shows `eles` whole when that keeps the labels readable; otherwise at the readable zoom with the
 * top left of `eles` (where the first operations are) in view. "Show all" zooms out on request.
 */
function showReadable(c: Core, eles: cytoscape.Collection, padding: number): void {
  c.fit(eles, padding);
  if (c.zoom() >= READABLE_ZOOM) return;
  const box = eles.boundingBox({});
  c.zoom(READABLE_ZOOM);
  c.pan({ x: padding - box.x1 * READABLE_ZOOM, y: padding - box.y1 * READABLE_ZOOM });
}

const TYPE_STYLE: Record<NodeKind, { color: string; shape: cytoscape.Css.NodeShape }> = {
  operation: { color: '#4c6ef5', shape: 'round-rectangle' },
  system: { color: '#0c8599', shape: 'ellipse' },
  component: { color: '#868e96', shape: 'diamond' },
  supplier: { color: '#e8590c', shape: 'hexagon' },
};

/**
 * The dependency graph (operation → system → component / supplier) laid out left to right by
 * dagre, which keeps 200 nodes readable: ranks by depth, few crossings. Zoom and pan with the
 * mouse or fingers; a tap selects a node. The lists beside it carry the same facts for screen
 * readers, so the canvas is labelled as a picture.
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
  height = 560,
}: GraphViewProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  const elements = useMemo<ElementDefinition[]>(() => {
    const ids = new Set(nodes.map((n) => n.id));
    return [
      ...nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.priority ? `${n.name} [${n.priority}]` : n.name,
          color: TYPE_STYLE[n.type].color,
          shape: TYPE_STYLE[n.type].shape,
        },
      })),
      ...edges
        .filter((e) => ids.has(e.fromId) && ids.has(e.toId))
        .map((e) => ({ data: { id: `${e.fromId}>${e.toId}`, source: e.fromId, target: e.toId } })),
    ];
  }, [nodes, edges]);

  useEffect(() => {
    if (!ref.current) return;
    const instance = cytoscape({
      container: ref.current,
      elements,
      minZoom: 0.1,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(color)',
            shape: 'data(shape)' as never,
            label: 'data(label)',
            'font-size': 11,
            color: '#212529',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'ellipsis',
            'text-max-width': '140px',
            width: 22,
            height: 22,
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.8,
            'text-background-padding': '1px',
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
            'arrow-scale': 0.8,
          },
        },
        { selector: '.dim', style: { opacity: 0.18 } },
        { selector: 'node.hit', style: { 'border-width': 3, 'border-color': '#f59f00' } },
        {
          selector: 'edge.hit',
          style: { 'line-color': '#f59f00', 'target-arrow-color': '#f59f00', width: 3 },
        },
        { selector: 'node.inv', style: { 'border-width': 3, 'border-color': '#e03131' } },
        {
          selector: 'edge.inv',
          style: {
            'line-color': '#e03131',
            'target-arrow-color': '#e03131',
            'line-style': 'dashed',
            width: 3,
          },
        },
        { selector: 'node.sel', style: { 'border-width': 4, 'border-color': '#212529' } },
      ],
    });
    const layout = instance.layout({
      name: 'dagre',
      rankDir: 'LR',
      nodeSep: 14,
      rankSep: 120,
      edgeSep: 6,
      animate: false,
      fit: false,
    } as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => showReadable(instance, instance.elements(), 24));
    layout.run();
    instance.on('tap', 'node', (evt) => onSelectRef.current?.(evt.target.id()));
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
    // Bring the affected part into view, so it is readable among 200 nodes.
    if (highlightNodes && highlightNodes.size > 0) showReadable(c, c.elements('.hit'), 40);
  }, [highlightNodes, inversionEdges, inversionNodes, selected, elements]);

  // The button sits above the drawing, never on top of a node.
  return (
    <Stack gap={6}>
      <Group justify="flex-end">
        <Button variant="default" size="xs" onClick={() => cy.current?.fit(cy.current.elements(), 24)}>
          {t('bia.graph.showAll')}
        </Button>
      </Group>
      <Box
        ref={ref}
        role="img"
        aria-label={label}
        h={nodes.length > TALL_FROM ? 'max(560px, 75vh)' : height}
        style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: '#fff' }}
      />
    </Stack>
  );
}
