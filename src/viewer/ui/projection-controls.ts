/**
 * The projection picker: a bundle's own basis, PCA of the selected bundles,
 * or three hidden axes.
 */
import { byId } from './dom.js';

export type ProjectionMode = 'bundle' | 'pca' | 'axes';

export interface ProjectionChoice {
  mode: ProjectionMode;
  axes: [number, number, number];
}

export class ProjectionControls {
  private readonly mode: HTMLSelectElement;
  private readonly axisInputs: HTMLInputElement[];

  /** @param onChange Called whenever the user changes mode or an axis. */
  constructor(onChange: (choice: ProjectionChoice) => void) {
    this.mode = byId<HTMLSelectElement>('projection');
    this.axisInputs = ['axis-x', 'axis-y', 'axis-z'].map((id) => byId<HTMLInputElement>(id));
    const changed = (): void => {
      this.syncAxesVisibility();
      onChange(this.choice);
    };
    this.mode.addEventListener('change', changed);
    for (const input of this.axisInputs) input.addEventListener('change', changed);
    this.syncAxesVisibility();
  }

  /** Set the axis inputs' range for a hidden dimension m. */
  setDimension(m: number): void {
    this.axisInputs.forEach((input, j) => {
      input.max = String(m - 1);
      input.value = String(Math.min(j, m - 1));
    });
  }

  get choice(): ProjectionChoice {
    const axes = this.axisInputs.map((input) => Math.max(0, Math.floor(Number(input.value) || 0))) as [number, number, number];
    return { mode: this.mode.value as ProjectionMode, axes };
  }

  private syncAxesVisibility(): void {
    byId('axes').hidden = this.mode.value !== 'axes';
  }
}
