import { fileURLToPath } from 'node:url';

/**
 * Real-world samples (public data, see SOURCES.txt there) live in `../shared/real-world` beside
 * the checkout, on developer machines and in CI. Tests over them add confidence when the folder
 * is there and skip when it is not: the project's own fixtures carry the committed assertions.
 */
export function realWorldDir(kind: 'sentry' | 'postmortems' | 'logs'): string {
  return fileURLToPath(new URL(`../../../shared/real-world/${kind}`, import.meta.url));
}
