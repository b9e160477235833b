/**
 * Small helpers for buffers and pipelines shared by the kernels' host code.
 * WebGPU constants are read from globalThis at call time because in Node they
 * become globals only once device-node.ts has installed Dawn's.
 */

/** Rounds a byte size up to the 4-byte multiple WebGPU requires (at least 4). */
function paddedSize(bytes: number): number {
  return Math.max(4, Math.ceil(bytes / 4) * 4);
}

/**
 * Creates a storage buffer, optionally filled with `data` (mapped at creation,
 * so no staging copy is needed).
 * @param device The device.
 * @param sizeOrData Byte size, or the typed array to upload.
 * @param extraUsage Usage flags added to STORAGE (e.g. COPY_SRC to read it back).
 */
export function storageBuffer(device: GPUDevice, sizeOrData: number | Float32Array | Uint32Array, extraUsage = 0): GPUBuffer {
  const bytes = typeof sizeOrData === 'number' ? sizeOrData : sizeOrData.byteLength;
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | extraUsage;
  if (typeof sizeOrData === 'number') return device.createBuffer({ size: paddedSize(bytes), usage });
  const buffer = device.createBuffer({ size: paddedSize(bytes), usage, mappedAtCreation: true });
  const view =
    sizeOrData instanceof Float32Array
      ? new Float32Array(buffer.getMappedRange(), 0, sizeOrData.length)
      : new Uint32Array(buffer.getMappedRange(), 0, sizeOrData.length);
  view.set(sizeOrData);
  buffer.unmap();
  return buffer;
}

/**
 * Creates a uniform buffer holding 32-bit words. `words` lists the values in
 * struct order; each entry says whether it is u32 or f32.
 */
export function uniformBuffer(device: GPUDevice, words: ReadonlyArray<{ u32: number } | { f32: number }>): GPUBuffer {
  // Uniform structs are sized to a multiple of 16 bytes.
  const size = Math.max(16, Math.ceil((words.length * 4) / 16) * 16);
  const buffer = device.createBuffer({ size, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, mappedAtCreation: true });
  const range = buffer.getMappedRange();
  const asU32 = new Uint32Array(range);
  const asF32 = new Float32Array(range);
  words.forEach((w, i) => {
    if ('u32' in w) asU32[i] = w.u32;
    else asF32[i] = w.f32;
  });
  buffer.unmap();
  return buffer;
}

/** A MAP_READ staging buffer of `bytes` (padded). */
export function readbackBuffer(device: GPUDevice, bytes: number): GPUBuffer {
  return device.createBuffer({ size: paddedSize(bytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
}

/**
 * Maps a staging buffer and copies its first `bytes` into a fresh ArrayBuffer,
 * then unmaps (the mapped range is detached on unmap).
 */
export async function readMapped(buffer: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
  await buffer.mapAsync(GPUMapMode.READ, 0, paddedSize(bytes));
  const copy = buffer.getMappedRange(0, paddedSize(bytes)).slice(0, bytes);
  buffer.unmap();
  return copy;
}

/** Copies `bytes` of `src` into a new staging buffer, submits, and reads it. */
export async function readBack(device: GPUDevice, src: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
  const staging = readbackBuffer(device, bytes);
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(src, 0, staging, 0, paddedSize(bytes));
  device.queue.submit([encoder.finish()]);
  const data = await readMapped(staging, bytes);
  staging.destroy();
  return data;
}

const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

/**
 * A compute pipeline for `code`'s entry point `main`, compiled once per
 * device and shader text. Compilation errors reject with the WGSL messages.
 */
export function computePipeline(device: GPUDevice, code: string): Promise<GPUComputePipeline> {
  let perDevice = pipelineCache.get(device);
  if (perDevice === undefined) {
    perDevice = new Map();
    pipelineCache.set(device, perDevice);
  }
  let pipeline = perDevice.get(code);
  if (pipeline === undefined) {
    pipeline = compile(device, code);
    perDevice.set(code, pipeline);
  }
  return pipeline;
}

/*
 * Synchronous creation inside an error scope: on the Dawn/llvmpipe setup used
 * here, getCompilationInfo() and createComputePipelineAsync() abort the
 * process (a thread-priority assertion inside Dawn), while the synchronous
 * path with error scopes works everywhere.
 */
async function compile(device: GPUDevice, code: string): Promise<GPUComputePipeline> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const error = await device.popErrorScope();
  if (error !== null) throw new Error(`WebGPU pipeline creation failed: ${error.message}`);
  return pipeline;
}

/** Binds `buffers` to bindings 0, 1, … of group 0 of `pipeline`. */
export function bindGroup(device: GPUDevice, pipeline: GPUComputePipeline, buffers: GPUBuffer[]): GPUBindGroup {
  return device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

/** Encodes one compute dispatch. */
export function encodeDispatch(encoder: GPUCommandEncoder, pipeline: GPUComputePipeline, group: GPUBindGroup, x: number, y = 1): void {
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, group);
  pass.dispatchWorkgroups(x, y);
  pass.end();
}
