/**
 * WebGPU device acquisition for Node (the `webgpu` package, Dawn) and for
 * browsers / Electron renderers (`navigator.gpu`).
 *
 * This module is importable in both worlds: the Node-only part lives in
 * `device-node.ts` and is loaded with a dynamic import only when no
 * `navigator.gpu` exists and the process is Node, so a bundler-free page never
 * sees `import 'webgpu'`.
 */

/** What the adapter says about itself (fields may be empty strings). */
export interface GpuAdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** Dawn backend used in Node ('default' or 'opengles'); absent in a browser. */
  backend?: string;
}

/** The numeric limits the kernels plan their chunks and tiles with. */
export interface GpuKernelLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxStorageBuffersPerShaderStage: number;
  maxComputeWorkgroupStorageSize: number;
  maxComputeInvocationsPerWorkgroup: number;
  maxComputeWorkgroupSizeX: number;
  maxComputeWorkgroupSizeY: number;
  maxComputeWorkgroupsPerDimension: number;
  minStorageBufferOffsetAlignment: number;
}

/** A ready device plus what the CLI and the self-test report about it. */
export interface GpuHandle {
  device: GPUDevice;
  adapterInfo: GpuAdapterSummary;
  limits: GpuKernelLimits;
  /** True for CPU rasterisers (llvmpipe, SwiftShader, WARP, fallback adapters). */
  isSoftware: boolean;
  /** Releases the device; the handle is unusable afterwards. */
  destroy(): void;
}

/** Options of {@link acquireGpu}. */
export interface AcquireGpuOptions {
  /**
   * When true, a missing adapter throws {@link GpuUnavailableError} instead of
   * returning null. Defaults to true when the environment variable
   * `TEGUM_REQUIRE_GPU=1` is set (CI uses it so GPU tests never skip silently).
   */
  required?: boolean;
}

/** Thrown when a GPU was required but none could be acquired. */
export class GpuUnavailableError extends Error {
  /** Why acquisition failed, in words. */
  readonly reason: string;
  constructor(reason: string) {
    super(`no WebGPU adapter (${reason})`);
    this.name = 'GpuUnavailableError';
    this.reason = reason;
  }
}

/**
 * Why the last {@link acquireGpu} call returned null (null after a success).
 * Use it for the notice "no WebGPU adapter (…); using the CPU".
 */
export let lastGpuUnavailableReason: string | null = null;

/** The notice printed when falling back to the CPU. */
export function cpuFallbackNotice(reason: string): string {
  return `no WebGPU adapter (${reason}); using the CPU`;
}

/** True when `TEGUM_REQUIRE_GPU=1` is set in a Node process. */
export function gpuRequiredByEnvironment(): boolean {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.TEGUM_REQUIRE_GPU === '1';
}

/** Limit names requested at the adapter's maximum: the kernels size chunks from them. */
const KERNEL_LIMIT_NAMES = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupsPerDimension',
] as const;

const SOFTWARE_ADAPTER = /llvmpipe|softpipe|lavapipe|swiftshader|warp|microsoft basic render/i;

/** An adapter found by a platform-specific finder. */
export interface FoundAdapter {
  adapter: GPUAdapter;
  backend?: string;
}

/**
 * Turns an adapter into a {@link GpuHandle}: requests a device with the
 * adapter's own maxima for the limits the kernels depend on (the defaults,
 * e.g. 4–8 storage buffers and 128 MiB bindings in compatibility mode, would
 * otherwise apply).
 */
export async function handleFromAdapter(found: FoundAdapter): Promise<GpuHandle> {
  const { adapter } = found;
  const requiredLimits: Record<string, number> = {};
  for (const name of KERNEL_LIMIT_NAMES) requiredLimits[name] = adapter.limits[name];
  const device = await adapter.requestDevice({ requiredLimits });
  const info = adapter.info;
  const adapterInfo: GpuAdapterSummary = {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
  };
  if (found.backend !== undefined) adapterInfo.backend = found.backend;
  const l = device.limits;
  const limits: GpuKernelLimits = {
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxBufferSize: l.maxBufferSize,
    maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
    maxComputeWorkgroupSizeY: l.maxComputeWorkgroupSizeY,
    maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    minStorageBufferOffsetAlignment: l.minStorageBufferOffsetAlignment,
  };
  const fallbackFlag = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  const names = `${adapterInfo.vendor} ${adapterInfo.architecture} ${adapterInfo.device} ${adapterInfo.description}`;
  return {
    device,
    adapterInfo,
    limits,
    isSoftware: fallbackFlag || SOFTWARE_ADAPTER.test(names),
    destroy: () => device.destroy(),
  };
}

function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/**
 * Acquires a WebGPU device.
 *
 * In a browser or Electron renderer it uses `navigator.gpu`. In Node it loads
 * the `webgpu` package (Dawn) and tries the default backend first (Vulkan,
 * Metal or D3D12 on machines with a GPU), then Dawn's OpenGL ES backend in
 * compatibility mode on a surfaceless EGL display (Mesa's llvmpipe on
 * machines without one).
 *
 * @param opts.required Throw instead of returning null when no adapter is
 *   found; defaults to `TEGUM_REQUIRE_GPU=1`.
 * @returns The handle, or null (the reason is in {@link lastGpuUnavailableReason}).
 * @throws GpuUnavailableError when required and no adapter exists.
 */
export async function acquireGpu(opts: AcquireGpuOptions = {}): Promise<GpuHandle | null> {
  const required = opts.required ?? gpuRequiredByEnvironment();
  let found: FoundAdapter | null = null;
  let reason = '';
  try {
    const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
    if (nav?.gpu !== undefined) {
      const adapter = await nav.gpu.requestAdapter();
      if (adapter !== null) found = { adapter };
      else reason = 'navigator.gpu.requestAdapter() returned null';
    } else if (isNode()) {
      const { findNodeAdapter } = await import('./device-node.js');
      const result = await findNodeAdapter();
      if ('adapter' in result) found = result;
      else reason = result.reason;
    } else {
      reason = 'this environment has no navigator.gpu';
    }
  } catch (err) {
    reason = err instanceof Error ? err.message : String(err);
  }
  if (found !== null) {
    try {
      const handle = await handleFromAdapter(found);
      lastGpuUnavailableReason = null;
      return handle;
    } catch (err) {
      reason = `requestDevice failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  lastGpuUnavailableReason = reason;
  if (required) throw new GpuUnavailableError(reason);
  return null;
}
