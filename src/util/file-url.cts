// Files and the names V8 gives their scripts: a path (CommonJS), a file: URL (ES modules), and
// for some scripts one name in its script table and the other in stack traces (tsx's CommonJS).
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A script's file as a path, when it is a file: URL. */
export function urlToFile(url: string): string {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return url;
    }
  }
  return url;
}

/** Both names a script of this file may have. */
export function scriptNames(file: string): string[] {
  return file.startsWith('/') ? [file, pathToFileURL(file).href] : [file, urlToFile(file)];
}
