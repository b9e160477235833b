/**
 * Linked cameras: orbiting, panning or zooming either stage puts the other's
 * camera in the identical pose (position, orientation, zoom, orbit target).
 */
import type { Stage } from '../scene/stage.js';

/**
 * Keep every stage's camera equal to the one last moved.
 *
 * @param stages The stages to link (two in compare mode).
 */
export function linkCameras(stages: readonly Stage[]): void {
  let syncing = false;
  for (const source of stages) {
    source.controls.addEventListener('change', () => {
      // The followers' controls.update() fires 'change' too; the flag stops the echo.
      if (syncing) return;
      syncing = true;
      for (const target of stages) if (target !== source) copyCamera(source, target);
      syncing = false;
    });
  }
}

function copyCamera(from: Stage, to: Stage): void {
  to.camera.position.copy(from.camera.position);
  to.camera.quaternion.copy(from.camera.quaternion);
  to.camera.up.copy(from.camera.up);
  to.camera.zoom = from.camera.zoom;
  to.camera.updateProjectionMatrix();
  to.controls.target.copy(from.controls.target);
  to.controls.update();
  to.requestRender();
}
