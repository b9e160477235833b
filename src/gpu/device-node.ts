/**
 * Node-only adapter discovery through the `webgpu` package (Dawn).
 * Loaded dynamically by device.ts so that browser pages never import it.
 */
import type { FoundAdapter } from './device.js';

/*
 * Dawn's GPU instances stay referenced for the life of the process: when a
 * GPU object is garbage-collected while its adapter's device is still in use,
 * Dawn aborts at the next call (mutex/futex assertions), so each instance is
 * created once and kept here.
 */
const instances = new Map<string, GPU>();

function instance(webgpu: typeof import('webgpu'), backend: string): GPU {
  let gpu = instances.get(backend);
  if (gpu === undefined) {
    gpu = webgpu.create(backend === 'default' ? [] : [`backend=${backend}`]);
    instances.set(backend, gpu);
  }
  return gpu;
}

/**
 * Finds an adapter with Dawn: the default backend first (Vulkan, Metal,
 * D3D12), then OpenGL ES on a surfaceless EGL display in compatibility mode,
 * which gives Mesa's llvmpipe on machines without a GPU (Dawn refuses Mesa's
 * lavapipe Vulkan driver). Dawn's own warnings about missing drivers go to
 * stderr and cannot be silenced from here.
 *
 * Dawn does not keep Node alive: a script exits after its last await whether
 * or not the device was destroyed (checked with webgpu 0.6.2; the test suite
 * checks the destroyed case). `GpuHandle.destroy()` frees GPU memory early.
 *
 * @returns The adapter and the backend that gave it, or the reason none did.
 */
export async function findNodeAdapter(): Promise<FoundAdapter | { reason: string }> {
  let webgpu: typeof import('webgpu');
  try {
    webgpu = await import('webgpu');
  } catch (err) {
    return { reason: `the webgpu package could not be loaded: ${err instanceof Error ? err.message : String(err)}` };
  }
  // Dawn's objects need the WebGPU constants (GPUBufferUsage, …) as globals.
  Object.assign(globalThis, webgpu.globals);
  const failures: string[] = [];
  try {
    const adapter = await instance(webgpu, 'default').requestAdapter();
    if (adapter !== null) return { adapter, backend: 'default' };
    failures.push('default backend: no adapter');
  } catch (err) {
    failures.push(`default backend: ${err instanceof Error ? err.message : String(err)}`);
  }
  // EGL reads the platform when the display opens, so set it before create().
  process.env.EGL_PLATFORM ??= 'surfaceless';
  try {
    const adapter = await instance(webgpu, 'opengles').requestAdapter({ featureLevel: 'compatibility' });
    if (adapter !== null) return { adapter, backend: 'opengles' };
    failures.push('opengles backend: no adapter');
  } catch (err) {
    failures.push(`opengles backend: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { reason: failures.join('; ') };
}
