import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * Whether $VISUAL/$EDITOR names a program that exists. The prompt library spawns it without
 * listening for spawn errors, so a typo there would crash the drafting instead of asking.
 */
export function editorAvailable(env: NodeJS.ProcessEnv): boolean {
  const command = (env.VISUAL || env.EDITOR || '').trim();
  if (command === '') return false;
  // The same split the prompt library uses: the program is everything up to the first unescaped space.
  const program = (command.match(/^(?:\\ |[^ ])+/)?.[0] ?? command).replace(/\\ /g, ' ');
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (program.includes('/') || program.includes(path.sep)) return executable(program);
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && extensions.some((ext) => executable(path.join(dir, program + ext))));
}
