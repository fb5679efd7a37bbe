// Which files are not read at all, and why: one answer, and one message each, for the CLI and the
// editor (core/workspace/markdown-files.ts applies it to what a workspace port reports).

/** Bytes looked at for a NUL byte, the sign of a binary file. */
const BINARY_SNIFF_BYTES = 8192;

/** Why a markdown path that is neither a file nor a folder is not read: reading a pipe would block. */
export const NOT_A_REGULAR_FILE = 'is not a regular file (a pipe, socket or device)';

/** Why a path named as a file is not read when it is a folder. */
export const IS_A_FOLDER = 'is a folder';

/** Why a link to a folder is not walked into. */
export const LINK_TO_FOLDER = 'is a link to a folder; links to folders are not followed (name the folder itself to lint it)';

/** Why a link to a folder that contains the link is not walked into. */
export const LINK_LOOP = 'is a link to a folder that contains it (a link loop); links to folders are not followed';

/** Why a link to a pipe, socket or device is not read. */
export const LINK_TO_OTHER = 'is a link to something that is not a regular file';

/** Why a link that points nowhere is not read, with the file system's words for it. */
export function brokenLinkReason(reason: string): string {
  return `is a broken link (${reason})`;
}

/** Why a file of `size` bytes is over the config's limit, or undefined when it is within it. */
export function tooLargeReason(size: number, maxFileSize: number): string | undefined {
  return size > maxFileSize ? `is larger than the ${formatBytes(maxFileSize)} limit (${formatBytes(size)}); raise maxFileSizeKb in .product-docs.yaml to lint it` : undefined;
}

/** Why content is taken for binary (a NUL byte near the start), or undefined for text. */
export function binaryReason(bytes: Uint8Array): string | undefined {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0) ? 'looks binary (it contains NUL bytes)' : undefined;
}

/** A byte count as people read it: KB up to a megabyte, MB with one decimal above. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
