export function jarDir(version: string): string;
export function ensureJars(version: string, log?: (line: string) => void): Promise<string>;
