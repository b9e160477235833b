/**
 * A dark ring around the selected feature, always facing the camera and
 * drawn over everything, so the selected feature stands apart from its
 * partners (a digon's other end, the rest of its structure), which share its
 * colour.
 */
import * as THREE from 'three';

/** Ring diameter in units of the glyph's radius. */
const RING_SCALE = 4.5;

export class SelectionMarker {
  readonly sprite: THREE.Sprite;

  constructor() {
    this.sprite = new THREE.Sprite(new THREE.SpriteMaterial({ map: ringTexture(), depthTest: false, transparent: true }));
    this.sprite.renderOrder = 10;
    this.sprite.visible = false;
  }

  /**
   * Put the ring around a glyph, or hide it.
   *
   * @param at The feature's position, or null to hide.
   * @param radius The glyph's radius in scene units.
   */
  place(at: THREE.Vector3 | null, radius: number): void {
    this.sprite.visible = at !== null;
    if (at === null) return;
    this.sprite.position.copy(at);
    const size = Math.max(0.06, RING_SCALE * radius);
    this.sprite.scale.set(size, size, 1);
  }
}

function ringTexture(): THREE.Texture {
  const size = 64;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.strokeStyle = '#111111';
    ctx.lineWidth = 6;
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, size / 2 - 5, 0, 2 * Math.PI);
    ctx.stroke();
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return texture;
}
