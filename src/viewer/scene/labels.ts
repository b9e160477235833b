/**
 * Text labels over the 3D view as HTML elements that follow 3-D anchors
 * (crisper than sprites, selectable, and free of font textures).
 */
import * as THREE from 'three';
import type { Stage } from './stage.js';

export interface Label {
  text: string;
  colour: string;
  anchor: THREE.Vector3;
}

export class LabelLayer {
  private readonly root: HTMLElement;
  private labels: { label: Label; element: HTMLElement }[] = [];

  /**
   * @param stage The stage whose camera places the labels.
   * @param container Positioned element over the canvas.
   */
  constructor(private readonly stage: Stage, container: HTMLElement) {
    this.root = document.createElement('div');
    this.root.className = 'labels';
    container.appendChild(this.root);
    stage.onBeforeRender(() => this.place());
  }

  /** Replace every label. */
  set(labels: Label[]): void {
    this.root.replaceChildren();
    this.labels = labels.map((label) => {
      const element = document.createElement('span');
      element.className = 'label';
      element.textContent = label.text;
      element.style.color = label.colour;
      this.root.appendChild(element);
      return { label, element };
    });
  }

  /** Show or hide all labels. */
  set visible(on: boolean) {
    this.root.hidden = !on;
  }

  private place(): void {
    const rect = this.root.getBoundingClientRect();
    for (const { label, element } of this.labels) {
      const p = this.stage.screenPosition(label.anchor);
      element.hidden = p === null;
      if (p) element.style.transform = `translate(${(p.x - rect.left).toFixed(1)}px, ${(p.y - rect.top).toFixed(1)}px) translate(-50%, -50%)`;
    }
  }
}
