/**
 * Text labels over the 3D view as HTML elements that follow 3-D anchors
 * (crisper than sprites, selectable, and free of font textures). Labels never
 * overprint: each frame they are placed in priority order and one that would
 * overlap a placed label is hidden. Faint labels belong to dimmed structures.
 */
import * as THREE from 'three';
import type { Stage } from './stage.js';

export interface Label {
  text: string;
  colour: string;
  anchor: THREE.Vector3;
  /** Higher wins a contested spot (e.g. the structure's size; the selection above all). */
  priority?: number;
  /** Drawn faded (its structure is dimmed). */
  faint?: boolean;
}

/** Labels kept at most (the highest priorities); more would only be hidden by overlap. */
const MAX_LABELS = 60;
/** Free space kept around each label, in CSS pixels. */
const GAP = 2;

interface Placed {
  label: Label;
  element: HTMLElement;
  width: number;
  height: number;
}

export class LabelLayer {
  private readonly root: HTMLElement;
  private labels: Placed[] = [];

  /**
   * @param stage The stage whose camera places the labels.
   * @param container Positioned element over the canvas.
   */
  constructor(
    private readonly stage: Stage,
    container: HTMLElement,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'labels';
    container.appendChild(this.root);
    stage.onBeforeRender(() => this.place());
  }

  /** Replace every label. */
  set(labels: Label[]): void {
    this.root.replaceChildren();
    const kept = [...labels].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0)).slice(0, MAX_LABELS);
    this.labels = kept.map((label) => {
      const element = document.createElement('span');
      element.className = label.faint ? 'label faint' : 'label';
      element.textContent = label.text;
      element.style.color = label.colour;
      this.root.appendChild(element);
      return { label, element, width: 0, height: 0 };
    });
    // One layout read for all labels, not one per label per frame.
    for (const placed of this.labels) {
      placed.width = placed.element.offsetWidth;
      placed.height = placed.element.offsetHeight;
    }
  }

  /** Show or hide all labels. */
  set visible(on: boolean) {
    this.root.hidden = !on;
  }

  /** The labels drawn in the last frame: text, colour and box relative to the container (for the PNG export). */
  drawn(): { text: string; colour: string; faint: boolean; x: number; y: number; width: number; height: number }[] {
    if (this.root.hidden) return [];
    return this.labels
      .filter((p) => !p.element.hidden)
      .map((p) => ({
        text: p.label.text,
        colour: p.label.colour,
        faint: p.label.faint ?? false,
        x: Number(p.element.dataset.x),
        y: Number(p.element.dataset.y),
        width: p.width,
        height: p.height,
      }));
  }

  private place(): void {
    const rect = this.root.getBoundingClientRect();
    const boxes: { x0: number; y0: number; x1: number; y1: number }[] = [];
    for (const placed of this.labels) {
      const { label, element, width, height } = placed;
      const p = this.stage.screenPosition(label.anchor);
      if (p === null) {
        element.hidden = true;
        continue;
      }
      const x = p.x - rect.left - width / 2;
      const y = p.y - rect.top - height / 2;
      const box = { x0: x - GAP, y0: y - GAP, x1: x + width + GAP, y1: y + height + GAP };
      const outside = box.x0 < 0 || box.y0 < 0 || box.x1 > rect.width || box.y1 > rect.height;
      const overlaps = boxes.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1);
      element.hidden = outside || overlaps;
      if (element.hidden) continue;
      boxes.push(box);
      element.dataset.x = x.toFixed(1);
      element.dataset.y = y.toFixed(1);
      element.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
    }
  }
}
