import { sentryFrame, type SentryFrame } from './payloads.js';

/**
 * Stack frames as each Sentry SDK writes them, so frame mapping meets real paths: the Node SDK
 * (`app:///` filenames from RewriteFrames, `node:` internals), sentry-python (relative filename,
 * dotted module, site-packages abs_path) and sentry-go built with -trimpath (module-path files).
 */

export function nodeFrame(root: string, file: string, fn: string | null, lineno: number, inApp: boolean): SentryFrame {
  if (file.startsWith('node:')) return sentryFrame({ abs_path: file, filename: file, function: fn, lineno, in_app: false });
  return sentryFrame({ abs_path: `${root}/${file}`, filename: `app:///${file}`, function: fn, lineno, colno: 17, in_app: inApp });
}

const PYTHON_LIBS = '/usr/local/lib/python3.12/site-packages';

/** `file` is relative to the app root for in-app frames and to site-packages for libraries. */
export function pythonFrame(root: string, file: string, fn: string, lineno: number, inApp: boolean): SentryFrame {
  const module = file.replace(/\.py$/, '').replace(/\//g, '.').replace(/\.__init__$/, '');
  const absPath = inApp ? `${root}/${file}` : `${PYTHON_LIBS}/${file}`;
  return sentryFrame({ abs_path: absPath, filename: file, module, function: fn, lineno, in_app: inApp });
}

/** A -trimpath build: files are `<module path>/<dir>/<file>.go`, `function` without the package. */
export function goFrame(modulePath: string, file: string, fn: string, lineno: number, inApp: boolean): SentryFrame {
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const pkg = dir === '' ? modulePath : `${modulePath}/${dir}`;
  return sentryFrame({ abs_path: `${modulePath}/${file}`, filename: file.split('/').pop() ?? file, module: pkg, function: fn, lineno, in_app: inApp });
}

/** sentry-java: `filename` is the bare file name, `module` the class; there is no abs_path. */
export function javaFrame(className: string, file: string, fn: string, lineno: number, inApp: boolean): SentryFrame {
  return sentryFrame({ filename: file, module: className, function: fn, lineno, in_app: inApp });
}
