/**
 * One-line hints for weight formats tegum does not read: what the file is and
 * how to convert it into one it does (np.savez, safetensors). HDF5 is among
 * them: reading it in JavaScript needs a WebAssembly build of libhdf5
 * (h5wasm, ~3 MB) for a format few toy-model or SAE weights come in, so a
 * conversion line is the better trade.
 */

const SAVEZ = "np.savez('W.npz', W=array)";

/** Extension (lower case, with dot) → why not and how to convert. */
const HINTS: ReadonlyArray<[string, string]> = [
  ['.h5', `an HDF5 file (h5py/Keras); tegum does not read HDF5: convert with h5py, e.g. np.savez('W.npz', W=h5py.File(path)['W'][()])`],
  ['.hdf5', `an HDF5 file (h5py); tegum does not read HDF5: convert with h5py, e.g. np.savez('W.npz', W=h5py.File(path)['W'][()])`],
  ['.keras', `a Keras model (zip of HDF5); save the layer weights with ${SAVEZ} from model.get_weights()`],
  ['.onnx', "an ONNX model; tegum reads weight files: np.savez('W.npz', **{t.name: onnx.numpy_helper.to_array(t) for t in onnx.load(path).graph.initializer})"],
  [
    '.gguf',
    `a GGUF (llama.cpp) file, usually block-quantised; dequantise with the gguf package (GGUFReader) and save with ${SAVEZ}, or convert the original checkpoint`,
  ],
  ['.ggml', `a GGML (llama.cpp) file; convert the original checkpoint instead, or dequantise and save with ${SAVEZ}`],
  [
    '.pkl',
    `a Python pickle; tegum never unpickles arbitrary objects (unpickling runs code): load it yourself and save the arrays with ${SAVEZ} or safetensors.torch.save_file`,
  ],
  [
    '.pickle',
    `a Python pickle; tegum never unpickles arbitrary objects (unpickling runs code): load it yourself and save the arrays with ${SAVEZ} or safetensors.torch.save_file`,
  ],
  ['.joblib', `a joblib pickle; tegum never unpickles arbitrary objects: load it yourself and save the arrays with ${SAVEZ}`],
  ['.mat', `a MATLAB file; convert with np.savez('W.npz', **{k: v for k, v in scipy.io.loadmat(path).items() if not k.startswith('__')})`],
  ['.gz', 'gzip-compressed; decompress it first (gunzip FILE), or save with np.savez_compressed, which tegum reads'],
  ['.bz2', 'bzip2-compressed; decompress it first (bunzip2 FILE)'],
  ['.xz', 'xz-compressed; decompress it first (unxz FILE)'],
  ['.zst', 'zstd-compressed; decompress it first (unzstd FILE)'],
  ['.zip', 'a zip archive; if it holds .npy arrays rename it to .npz, if torch.save wrote it rename it to .pt'],
  ['.tar', 'a tar archive; extract it first'],
  ['.tgz', 'a compressed tar archive; extract it first'],
  ['.pb', `a TensorFlow graph; export the variables as arrays and save them with ${SAVEZ}`],
  ['.tflite', `a TensorFlow Lite model; export the tensors with the TFLite interpreter and save them with ${SAVEZ}`],
  ['.msgpack', `a Flax msgpack checkpoint; restore it with flax.serialization.msgpack_restore and save the arrays with ${SAVEZ}`],
  ['.csv', "a text table; convert with np.savez('W.npz', W=np.loadtxt(path, delimiter=','))"],
  ['.tsv', "a text table; convert with np.savez('W.npz', W=np.loadtxt(path, delimiter='\\t'))"],
  ['.txt', "a text file; if it is a table of numbers convert with np.savez('W.npz', W=np.loadtxt(path))"],
];

/**
 * The hint for a file name tegum does not read, if its extension is a known format.
 *
 * @param file File name or path.
 * @returns e.g. "an ONNX model; …", or undefined for an unknown extension.
 */
export function conversionHint(file: string): string | undefined {
  const lower = file.toLowerCase();
  return HINTS.find(([ext]) => lower.endsWith(ext))?.[1];
}
