/**
 * The projection picker: the selected structure's own basis, PCA of the
 * selected structures, or three hidden axes. With nothing selected the first
 * choice is PCA of all represented features (there is no selected basis to
 * offer), and the multi-selection PCA is offered only for two or more.
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

  /**
   * Word the choices for the current selection.
   *
   * @param selected How many structures are selected.
   */
  setSelection(selected: number): void {
    const [own, pca] = [...this.mode.options];
    own.textContent = selected === 0 ? 'PCA of all features' : selected === 1 ? 'selected structure’s basis' : 'last selected structure’s basis';
    pca.hidden = selected < 2;
    pca.disabled = selected < 2;
    pca.textContent = `PCA of the ${selected} selected structures`;
    if (pca.disabled && this.mode.value === 'pca') this.mode.value = 'bundle';
  }

  private syncAxesVisibility(): void {
    byId('axes').hidden = this.mode.value !== 'axes';
  }
}
