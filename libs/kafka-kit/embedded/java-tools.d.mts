export type JavaTool = 'console-producer' | 'consumer-groups' | 'configs';
export function javaToolClass(tool: JavaTool, version: string): string;
export function runJavaTool(tool: JavaTool, version: string, args: string[], input?: string): Promise<string>;
