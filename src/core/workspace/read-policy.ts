// Which files are not read at all, and why: one answer for the CLI and the editor.

/** Bytes looked at for a NUL byte, the sign of a binary file. */
const BINARY_SNIFF_BYTES = 8192;

/** Why a markdown path that is neither a file nor a folder is not read: reading a pipe would block. */
export const NOT_A_REGULAR_FILE = 'is not a regular file (a pipe, socket or device)';

/** Why a file of `size` bytes is over the config's limit, or undefined when it is within it. */
export function tooLargeReason(size: number, maxFileSize: number): string | undefined {
  return size > maxFileSize ? `is larger than the ${formatBytes(maxFileSize)} limit (${formatBytes(size)}); raise maxFileSizeKb in .product-docs.yaml to lint it` : undefined;
}

/** Why content is taken for binary (a NUL byte near the start), or undefined for text. */
export function binaryReason(bytes: Uint8Array): string | undefined {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0) ? 'looks binary (it contains NUL bytes)' : undefined;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
