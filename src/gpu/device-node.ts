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
 * lavapipe Vulkan driver). Dawn writes its warnings to file descriptor 2
 * natively, past Node's streams, so they cannot be caught here; the one a
 * user meets on every machine without Vulkan ("Couldn't load Vulkan", with
 * Dawn's build path) is avoided by probing the loader first (vulkanMissing)
 * and saying it in tegum's own reason instead.
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
  const missing = vulkanMissing(process.platform);
  if (missing !== null) failures.push(`default backend: ${missing}`);
  else {
    try {
      const adapter = await instance(webgpu, 'default').requestAdapter();
      if (adapter !== null) return { adapter, backend: 'default' };
      failures.push('default backend: no adapter');
    } catch (err) {
      failures.push(`default backend: ${err instanceof Error ? err.message : String(err)}`);
    }
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

/**
 * Why Dawn's default backend cannot work, when that is known beforehand: on
 * Linux it is Vulkan, and without the Vulkan loader Dawn only prints a
 * warning. The loader is looked up with the same dlopen search Dawn uses; a
 * library that is found is not a Node addon, so dlopen then fails with a
 * different message and the library simply stays loaded for Dawn.
 *
 * @param platform process.platform (other platforms' defaults are Metal or D3D12).
 * @returns A short reason, or null when the default backend is worth trying.
 */
export function vulkanMissing(platform: NodeJS.Platform): string | null {
  if (platform !== 'linux') return null;
  try {
    process.dlopen({ exports: {} }, 'libvulkan.so.1');
  } catch (err) {
    if (err instanceof Error && /cannot open shared object file/.test(err.message)) return 'no Vulkan loader (libvulkan.so.1 not found)';
  }
  return null;
}
