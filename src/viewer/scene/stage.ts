/**
 * The three.js stage: renderer, scene, camera, orbit controls and an
 * on-demand render loop (a frame is drawn only after something changed, so an
 * idle viewer costs nothing, which matters for 16k-feature inputs on software
 * GL).
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

/** Background colour of the 3D view (tests compare screenshots against it). */
export const BACKGROUND = '#fbfbf8';

// Nearly face-on to the xy-plane, where a bundle's first two principal axes
// lie (so polygons read as polygons), tilted enough to show depth.
const HOME = new THREE.Vector3(0.5, 0.7, 3.4);

/**
 * Radius the home view must show whole: the unit sphere features reach, plus
 * the labels placed just beyond the outermost feature (label-anchor.ts) and
 * their text.
 */
const CONTENT_RADIUS = 1.32;

export class Stage {
  readonly renderer: THREE.WebGLRenderer;
  readonly scene = new THREE.Scene();
  readonly camera = new THREE.PerspectiveCamera(40, 1, 0.01, 100);
  readonly controls: OrbitControls;
  private pending = false;
  /** The camera is where resetView put it (a resize then refits it to the new shape). */
  private atHome = true;
  private readonly beforeRender: (() => void)[] = [];

  /**
   * @param container Element the canvas fills (its size drives the canvas).
   */
  constructor(private readonly container: HTMLElement) {
    // preserveDrawingBuffer keeps the last frame readable for the PNG export and test screenshots.
    this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    this.renderer.setClearColor(BACKGROUND);
    container.appendChild(this.renderer.domElement);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => this.requestRender());
    this.controls.addEventListener('start', () => (this.atHome = false));
    this.scene.add(new THREE.AmbientLight(0xffffff, 1.6));
    const sun = new THREE.DirectionalLight(0xffffff, 1.6);
    sun.position.set(2, 3, 4);
    this.camera.add(sun);
    this.scene.add(this.camera);
    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();
    this.resetView();
  }

  /**
   * Put the camera back where it started, looking at the origin, far enough
   * that the content fits the narrower of the two fields of view (a compare
   * pane is taller than wide: fitting only the vertical field would crop
   * the sphere at its sides).
   */
  resetView(): void {
    const vertical = THREE.MathUtils.degToRad(this.camera.fov) / 2;
    const horizontal = Math.atan(Math.tan(vertical) * this.camera.aspect);
    const distance = Math.max(HOME.length(), CONTENT_RADIUS / Math.sin(Math.min(vertical, horizontal)));
    this.camera.position.copy(HOME).setLength(distance);
    this.controls.target.set(0, 0, 0);
    this.controls.update();
    this.atHome = true;
    this.requestRender();
  }

  /** Run `hook` before each frame (labels follow the camera this way). */
  onBeforeRender(hook: () => void): void {
    this.beforeRender.push(hook);
  }

  /** Draw a frame at the next animation frame (coalesced). */
  requestRender(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.renderNow();
    });
  }

  /** Draw a frame now (the PNG export needs the buffer current). */
  renderNow(): void {
    for (const hook of this.beforeRender) hook();
    this.renderer.render(this.scene, this.camera);
  }

  /**
   * Page coordinates (CSS pixels, relative to the viewport) of a point in the scene.
   *
   * @returns null when the point is behind the camera.
   */
  screenPosition(p: THREE.Vector3): { x: number; y: number } | null {
    const v = p.clone().project(this.camera);
    if (v.z > 1) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
    return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
  }

  /** Normalised device coordinates of a viewport point, for raycasting. */
  ndc(clientX: number, clientY: number): THREE.Vector2 {
    const rect = this.renderer.domElement.getBoundingClientRect();
    return new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
  }

  private resize(): void {
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    if (this.atHome) this.resetView();
    this.requestRender();
  }
}
